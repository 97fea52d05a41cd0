import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { loader, writer } from "../../lib/query";
import type { components } from "../../lib/api-types";

export type Appointment = components["schemas"]["AppointmentOutput"];

export type AppointmentPage = components["schemas"]["AppointmentPage"];

export interface BookingInput {
  doctor: string;
  start: string;
  consultation_type: string;
  reason: string;
  shared_analyses: string[];
}

/** A new key per booking attempt; the same key on a retry never books twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export async function bookAppointment(body: BookingInput, idempotencyKey: string) {
  return apiFetch<Appointment>("appointments/", {
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export const getAppointment = (id: string) => apiFetch<Appointment>(`appointments/${id}/`);

export const listAppointments = (when: "upcoming" | "past") =>
  apiFetch<AppointmentPage>(`appointments/?when=${when}`);

export const cancelAppointment = (id: string, reason = "") =>
  apiFetch<Appointment>(`appointments/${id}/cancel/`, { body: { reason } });

export const rescheduleAppointment = (id: string, start: string, consultationType: string) =>
  apiFetch<Appointment>(`appointments/${id}/reschedule/`, {
    body: { start, consultation_type: consultationType },
  });

export const acceptOffer = (id: string) =>
  apiFetch<Appointment>(`appointments/${id}/accept/`, { method: "POST" });

export const icsUrl = (id: string) => `/api/v1/appointments/${id}/ics/`;

export type MyAnalysis = components["schemas"]["AnalysisListItemOutput"];

/** My finished analyses, newest first, to choose what to show the doctor. */
export const listMyDoneAnalyses = () =>
  apiFetch<{ results: MyAnalysis[] }>("analyses/?status=done&page_size=12");

export const shareAnalyses = (id: string, analyses: string[]) =>
  apiFetch<Appointment>(`appointments/${id}/shared-analyses/`, { body: { analyses } });

export const stopSharing = (id: string, analysisId: string) =>
  apiFetch<Appointment>(`appointments/${id}/shared-analyses/${analysisId}/`, { method: "DELETE" });

export const appointmentKeys = {
  all: ["appointments"] as const,
  detail: (id: string) => ["appointments", "detail", id] as const,
  list: (when: "upcoming" | "past") => ["appointments", "list", when] as const,
};

export const useAppointment = (id: string) =>
  useQuery({ queryKey: appointmentKeys.detail(id), queryFn: loader(() => getAppointment(id)) });

export const useAppointments = (when: "upcoming" | "past") =>
  useQuery({ queryKey: appointmentKeys.list(when), queryFn: loader(() => listAppointments(when)) });

export const useMyDoneAnalyses = () =>
  useQuery({ queryKey: ["analyses", "done-for-sharing"], queryFn: loader(listMyDoneAnalyses) });

/** A booking or a change answers with the appointment as it now is, so its page shows it at
 * once; the lists and the free slots are asked again. */
function appointmentChanged(client: QueryClient, appointment: Appointment) {
  client.setQueryData(appointmentKeys.detail(appointment.id), appointment);
  void client.invalidateQueries({ queryKey: appointmentKeys.list("upcoming") });
  void client.invalidateQueries({ queryKey: appointmentKeys.list("past") });
  void client.invalidateQueries({ queryKey: ["doctors", "slots"] });
}

function useAppointmentWrite<Variables>(write: (variables: Variables) => Promise<Appointment>) {
  const client = useQueryClient();
  const mutationFn = writer(write);
  return useMutation({ mutationFn, onSuccess: (appointment) => appointmentChanged(client, appointment) });
}

export const useCancelAppointment = () => useAppointmentWrite((id: string) => cancelAppointment(id));

export const useRescheduleAppointment = () =>
  useAppointmentWrite(({ id, start, consultationType }: { id: string; start: string; consultationType: string }) =>
    rescheduleAppointment(id, start, consultationType),
  );

export const useAcceptOffer = () => useAppointmentWrite(acceptOffer);

export const useStopSharing = () =>
  useAppointmentWrite(({ id, analysisId }: { id: string; analysisId: string }) => stopSharing(id, analysisId));

/** Books one slot; `idempotencyKey` is the same for every retry of one booking. */
export function useBookAppointment() {
  const client = useQueryClient();
  const mutationFn = writer(({ booking, idempotencyKey }: { booking: BookingInput; idempotencyKey: string }) =>
    bookAppointment(booking, idempotencyKey),
  );
  return useMutation({
    mutationFn,
    onSuccess: (appointment) => appointmentChanged(client, appointment),
  });
}
