import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { SEEDS_A_FORM, loader, writer } from "../../lib/query";
import type { components } from "../../lib/api-types";

export type PortalAppointment = components["schemas"]["PortalAppointmentOutput"];
export type Schedule = components["schemas"]["Schedule"];
export type WeeklyBlock = components["schemas"]["WeeklyAvailability"];
export type TimeOff = components["schemas"]["TimeOffOutput"];

export type PortalAppointmentPage = components["schemas"]["PortalAppointmentPage"];

export const portalAppointments = (when: When) =>
  apiFetch<PortalAppointmentPage>(`portal/appointments/?when=${when}&page_size=100`);

export const saveNotes = (id: string, doctorNotes: string) =>
  apiFetch<PortalAppointment>(`portal/appointments/${id}/`, {
    method: "PATCH",
    body: { doctor_notes: doctorNotes },
  });

export const markAppointment = (id: string, status: "completed" | "no_show") =>
  apiFetch<PortalAppointment>(`portal/appointments/${id}/status/`, { body: { status } });

export const doctorCancel = (id: string, reason: string) =>
  apiFetch<PortalAppointment>(`portal/appointments/${id}/cancel/`, { body: { reason } });

export const getSchedule = () => apiFetch<Schedule>("portal/schedule/");

export const saveSchedule = (schedule: components["schemas"]["ScheduleRequest"]) =>
  apiFetch<Schedule>("portal/schedule/", { method: "PUT", body: schedule });

export const listTimeOff = () => apiFetch<TimeOff[]>("portal/time-off/");

export const addTimeOff = (body: {
  start_date: string;
  end_date: string;
  start_time?: string | null;
  end_time?: string | null;
  note: string;
}) => apiFetch<TimeOff>("portal/time-off/", { body });

export const removeTimeOff = (id: string) =>
  apiFetch<void>(`portal/time-off/${id}/`, { method: "DELETE" });

export type PortalProfile = components["schemas"]["PortalProfile"];

export const getPortalProfile = () => apiFetch<PortalProfile>("portal/profile/");

export const savePortalProfile = (body: Partial<PortalProfile>) =>
  apiFetch<PortalProfile>("portal/profile/", { method: "PATCH", body });

export const saveVideoLink = (id: string, videoLink: string) =>
  apiFetch<PortalAppointment>(`portal/appointments/${id}/`, {
    method: "PATCH",
    body: { video_link: videoLink },
  });

export type When = "today" | "upcoming" | "past";

export const portalKeys = {
  appointments: ["portal", "appointments"] as const,
  appointmentList: (when: When) => ["portal", "appointments", when] as const,
  schedule: ["portal", "schedule"] as const,
  timeOff: ["portal", "time-off"] as const,
  profile: ["portal", "profile"] as const,
};

// The portal's editors copy these into their own state: read fresh each time.
export const usePortalAppointments = (when: When) =>
  useQuery({ queryKey: portalKeys.appointmentList(when), queryFn: loader(() => portalAppointments(when)), ...SEEDS_A_FORM });

export const useSchedule = () => useQuery({ queryKey: portalKeys.schedule, queryFn: loader(getSchedule), ...SEEDS_A_FORM });

export const useTimeOff = () => useQuery({ queryKey: portalKeys.timeOff, queryFn: loader(listTimeOff), ...SEEDS_A_FORM });

export const usePortalProfile = () =>
  useQuery({ queryKey: portalKeys.profile, queryFn: loader(getPortalProfile), ...SEEDS_A_FORM });

/** A change to one appointment answers with it as it now is: it replaces the old copy in every
 * list that holds it. The lists are not asked again while shown, because "upcoming" leaves out
 * cancelled visits: the card just cancelled would vanish with the message saying so. They are
 * read afresh on the next visit (SEEDS_A_FORM drops them once nobody shows them). */
function appointmentChanged(client: QueryClient, changed: PortalAppointment) {
  client.setQueriesData<PortalAppointmentPage>({ queryKey: portalKeys.appointments }, (page) =>
    page && { ...page, results: page.results.map((item) => (item.id === changed.id ? changed : item)) },
  );
}

function useAppointmentWrite<Variables>(write: (variables: Variables) => Promise<PortalAppointment>) {
  const client = useQueryClient();
  const mutationFn = writer(write);
  return useMutation({ mutationFn, onSuccess: (changed) => appointmentChanged(client, changed) });
}

export const useSaveNotes = () =>
  useAppointmentWrite(({ id, doctorNotes }: { id: string; doctorNotes: string }) => saveNotes(id, doctorNotes));

export const useSaveVideoLink = () =>
  useAppointmentWrite(({ id, videoLink }: { id: string; videoLink: string }) => saveVideoLink(id, videoLink));

export const useMarkAppointment = () =>
  useAppointmentWrite(({ id, status }: { id: string; status: "completed" | "no_show" }) => markAppointment(id, status));

export const useDoctorCancel = () =>
  useAppointmentWrite(({ id, reason }: { id: string; reason: string }) => doctorCancel(id, reason));

export function useSaveSchedule() {
  const client = useQueryClient();
  const mutationFn = writer(saveSchedule);
  return useMutation({
    mutationFn,
    onSuccess: (schedule) => client.setQueryData(portalKeys.schedule, schedule),
  });
}

/** Adding or removing time off: the list is asked again before the mutation settles, so the
 * message and the list that shows the change appear together. */
function useTimeOffWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  const mutationFn = writer(write);
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.timeOff }),
  });
}

export const useAddTimeOff = () => useTimeOffWrite(addTimeOff);

export const useRemoveTimeOff = () => useTimeOffWrite(removeTimeOff);

/** The default joining link reaches the visits that have none of their own: the lists are
 * asked again, so each card shows the link its patient now gets. */
export function useSavePortalProfile() {
  const client = useQueryClient();
  const mutationFn = writer(savePortalProfile);
  return useMutation({
    mutationFn,
    onSuccess: (profile) => {
      client.setQueryData(portalKeys.profile, profile);
      void client.invalidateQueries({ queryKey: portalKeys.appointments });
    },
  });
}
