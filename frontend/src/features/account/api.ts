import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ApiError, apiFetch } from "../../lib/api";
import { SEEDS_A_FORM, loader, writer } from "../../lib/query";
import type { components } from "../../lib/api-types";
import type { CurrentUser } from "../../lib/auth";

// Shapes come from our OpenAPI schema (make api-types), so the API and this code agree.
export type Profile = Required<components["schemas"]["Profile"]>;
export type SkinProfile = Required<components["schemas"]["SkinProfile"]>;
export type SkinProfileInput = components["schemas"]["SkinProfileRequest"];
export type ProfileInput = components["schemas"]["PatchedProfileRequest"];

export const signUp = (body: {
  email: string;
  password: string;
  display_name: string;
  accept_terms: boolean;
  health_data_consent: boolean;
}) =>
  apiFetch<CurrentUser>("auth/signup/", { body });

export type OtpChallenge = components["schemas"]["OtpChallengeOutput"];
export type OtpEnrolment = components["schemas"]["OtpEnrolmentOutput"];

/** Patients get their user; dermatologists and staff get a second step first. */
export const signIn = (body: { email: string; password: string }) =>
  apiFetch<CurrentUser | OtpChallenge>("auth/login/", { body });

export const isOtpChallenge = (value: CurrentUser | OtpChallenge): value is OtpChallenge =>
  "otp_required" in value && value.otp_required === true;

export const verifyOtp = (token: string) =>
  apiFetch<CurrentUser>("auth/login/otp/", { body: { token } });

/** The emailed set-up link, opened: the key to add to an authenticator app. */
export const openTwoFactorEnrolment = (token: string) =>
  apiFetch<OtpEnrolment>("auth/two-factor/enrolment/", { body: { token } });

export type BackupCodes = components["schemas"]["BackupCodesOutput"];

/** The app's first code confirms the key; the answer holds the backup codes (shown once). */
export const confirmTwoFactorEnrolment = (body: { token: string; code: string }) =>
  apiFetch<BackupCodes>("auth/two-factor/enrolment/confirm/", { body });

export const getBackupCodesLeft = () =>
  apiFetch<components["schemas"]["BackupCodesStatusOutput"]>("auth/two-factor/backup-codes/");

export const replaceBackupCodes = () =>
  apiFetch<BackupCodes>("auth/two-factor/backup-codes/", { method: "POST" });

/** Ends every session and API token of this person, this browser's session too. */
export const signOutEverywhere = () =>
  apiFetch<void>("auth/sign-out-everywhere/", { method: "POST" }).then(() => true);

export const verifyEmail = (token: string) =>
  apiFetch<CurrentUser>("auth/verify-email/", { body: { token } });

export const resendVerification = (email: string) =>
  apiFetch<{ detail: string }>("auth/verify-email/resend/", { body: { email } });

export const requestPasswordReset = (email: string) =>
  apiFetch<{ detail: string }>("auth/password-reset/", { body: { email } });

export const confirmPasswordReset = (body: { uid: string; token: string; new_password: string }) =>
  apiFetch<{ detail: string }>("auth/password-reset/confirm/", { body });

export const changePassword = (body: { old_password: string; new_password: string }) =>
  apiFetch<{ detail: string }>("auth/password-change/", { body });

export type ConsentStatus = components["schemas"]["ConsentStatusOutput"];

export const getConsentStatus = () => apiFetch<ConsentStatus>("me/consents/");

/** Agree to the current privacy notice (asked again when its version rises). */
export const giveConsent = (body: { accept_terms: boolean; health_data_consent: boolean }) =>
  apiFetch<ConsentStatus>("me/consents/", { body });

export const getProfile = () => apiFetch<Profile>("profile/");

export const updateProfile = (body: ProfileInput) =>
  apiFetch<Profile>("profile/", { method: "PATCH", body });

export const getSkinProfile = () => apiFetch<SkinProfile>("profile/skin/");

export type FitzpatrickQuestion = components["schemas"]["FitzpatrickQuestionOutput"];

export const getFitzpatrickQuestions = () =>
  apiFetch<FitzpatrickQuestion[]>("profile/skin/fitzpatrick-questions/");

export const saveSkinProfile = (body: SkinProfileInput) =>
  apiFetch<SkinProfile>("profile/skin/", { method: "PUT", body });

export type PhoneStatus = components["schemas"]["PhoneStatusOutput"];

/** Whether the number on the profile is verified (SMS reminders go only to a verified one). */
export const getPhoneStatus = () => apiFetch<PhoneStatus>("profile/phone/");

/** Texts a six-digit code to the number on the profile. */
export const sendPhoneCode = () => apiFetch<PhoneStatus>("profile/phone/code/", { method: "POST" });

export const confirmPhoneCode = (code: string) =>
  apiFetch<PhoneStatus>("profile/phone/confirm/", { body: { code } });

export type AccountDeletion = components["schemas"]["AccountDeleteOutput"];

/** Schedules the account's deletion (after a grace period) and signs out everywhere. */
/** Doctors and staff also give a code from their authenticator app (or a backup code). */
export const deleteAccount = ({ password, code }: { password: string; code?: string }) =>
  apiFetch<AccountDeletion>("me/", { method: "DELETE", body: code === undefined ? { password } : { password, code } });

export type AccessLogPage = components["schemas"]["AccessLogPage"];

/** Who has seen your data: reads by doctors and staff, newest first. */
export const getAccessLog = (page = 1) => apiFetch<AccessLogPage>(`me/access-log/?page=${page}`);

export type DataExport = components["schemas"]["DataExportOutput"];

/** The latest export of my data (404 when there is none). */
export const getDataExport = () => apiFetch<DataExport>("me/export/");

/** Start building a zip of all my data (the one being built is returned if any). */
export const startDataExport = () => apiFetch<DataExport>("me/export/", { method: "POST" });

export const accountKeys = {
  profile: ["profile"] as const,
  skinProfile: ["profile", "skin"] as const,
  /** The saved number is in the key: saving a new one asks again whether it is verified. */
  phoneStatus: (savedNumber: string) => ["profile", "phone", savedNumber] as const,
  consents: ["me", "consents"] as const,
  dataExport: ["me", "export"] as const,
  backupCodes: ["auth", "backup-codes"] as const,
  /** The routine reads the skin profile (another feature's query, named by its key only). */
  routine: ["recommendations"] as const,
};

// The profile forms copy these into their own state: read fresh each time (SEEDS_A_FORM).
export const useProfile = () =>
  useQuery({ queryKey: accountKeys.profile, queryFn: loader(getProfile), ...SEEDS_A_FORM });

export const useSkinProfile = () =>
  useQuery({ queryKey: accountKeys.skinProfile, queryFn: loader(getSkinProfile), ...SEEDS_A_FORM });

export const useFitzpatrickQuestions = () =>
  useQuery({ queryKey: ["profile", "fitzpatrick-questions"], queryFn: loader(getFitzpatrickQuestions), staleTime: Infinity });

export const useConsentStatus = () => useQuery({ queryKey: accountKeys.consents, queryFn: loader(getConsentStatus) });

export const useAccessLog = () => useQuery({ queryKey: ["me", "access-log"], queryFn: loader(() => getAccessLog()) });

export const useBackupCodesLeft = () =>
  useQuery({ queryKey: accountKeys.backupCodes, queryFn: loader(getBackupCodesLeft), ...SEEDS_A_FORM });

export const usePhoneStatus = (savedNumber: string) =>
  useQuery({ queryKey: accountKeys.phoneStatus(savedNumber), queryFn: loader(getPhoneStatus), ...SEEDS_A_FORM });

/** The latest export (null when there is none), asked again once a second while it builds. */
export function useDataExport() {
  return useQuery<DataExport | null>({
    queryKey: accountKeys.dataExport,
    queryFn: loader(async () => {
      try {
        return await getDataExport();
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 404) return null;
        throw caught;
      }
    }),
    refetchInterval: (query) =>
      query.state.status !== "error" && ["pending", "running"].includes(query.state.data?.status ?? "") ? 1000 : false,
  });
}

// Writes: one mutation hook each. Those that change what a read shows set or invalidate it;
// sign-up, sign-in and the password and two-factor steps change no cached read.

export const useSignUp = () => useMutation({ mutationFn: writer(signUp) });

/** Whoever signs in sees their own data: every read cached before is asked again. */
function useSignInStep<Result extends CurrentUser | OtpChallenge, Variables>(write: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  const mutationFn = writer(write);
  return useMutation({
    mutationFn,
    onSuccess: (answer) => {
      if (!isOtpChallenge(answer)) void client.invalidateQueries();
    },
  });
}

export const useSignIn = () => useSignInStep(signIn);

export const useVerifyOtp = () => useSignInStep(verifyOtp);

export const useResendVerification = () => useMutation({ mutationFn: writer(resendVerification) });

export const useVerifyEmail = () => useMutation({ mutationFn: writer(verifyEmail) });

export const useRequestPasswordReset = () => useMutation({ mutationFn: writer(requestPasswordReset) });

export const useConfirmPasswordReset = () => useMutation({ mutationFn: writer(confirmPasswordReset) });

export const useChangePassword = () => useMutation({ mutationFn: writer(changePassword) });

export const useOpenTwoFactorEnrolment = () => useMutation({ mutationFn: writer(openTwoFactorEnrolment) });

export const useConfirmTwoFactorEnrolment = () => useMutation({ mutationFn: writer(confirmTwoFactorEnrolment) });

export function useReplaceBackupCodes() {
  const client = useQueryClient();
  const mutationFn = writer(replaceBackupCodes);
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.backupCodes }),
  });
}

/** The page reloads after it (the session is gone): nothing cached to correct. */
export const useSignOutEverywhere = () => useMutation({ mutationFn: writer(signOutEverywhere) });

/** The page reloads after it (the session is gone): nothing cached to correct. */
export const useDeleteAccount = () => useMutation({ mutationFn: writer(deleteAccount) });

export function useGiveConsent() {
  const client = useQueryClient();
  const mutationFn = writer(giveConsent);
  return useMutation({
    mutationFn,
    onSuccess: (status) => client.setQueryData(accountKeys.consents, status),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  const mutationFn = writer(updateProfile);
  return useMutation({
    mutationFn,
    onSuccess: (profile) => {
      client.setQueryData(accountKeys.profile, profile);
      // The same number saved again may have been verified meanwhile: ask again.
      void client.invalidateQueries({ queryKey: accountKeys.phoneStatus(profile.phone_number) });
    },
  });
}

export function useSaveSkinProfile() {
  const client = useQueryClient();
  const mutationFn = writer(saveSkinProfile);
  return useMutation({
    mutationFn,
    onSuccess: (profile) => {
      client.setQueryData(accountKeys.skinProfile, profile);
      // The routine is built from the skin profile.
      void client.invalidateQueries({ queryKey: accountKeys.routine });
    },
  });
}

/** Texting a code and confirming it answer with the number's status: shown at once. */
function usePhoneStep<Variables>(savedNumber: string, write: (variables: Variables) => Promise<PhoneStatus>) {
  const client = useQueryClient();
  const mutationFn = writer(write);
  return useMutation({
    mutationFn,
    onSuccess: (status) => client.setQueryData(accountKeys.phoneStatus(savedNumber), status),
  });
}

export const useSendPhoneCode = (savedNumber: string) => usePhoneStep(savedNumber, sendPhoneCode);

export const useConfirmPhoneCode = (savedNumber: string) => usePhoneStep(savedNumber, confirmPhoneCode);

/** The export being built becomes the query's data, so its polling starts at once. */
export function useStartDataExport() {
  const client = useQueryClient();
  const mutationFn = writer(startDataExport);
  return useMutation({
    mutationFn,
    onSuccess: (started) => client.setQueryData(accountKeys.dataExport, started),
  });
}
