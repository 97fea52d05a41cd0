import { apiFetch } from "../../lib/api";
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
