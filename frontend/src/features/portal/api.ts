import { useQuery } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { SEEDS_A_FORM, loader } from "../../lib/query";
import type { components } from "../../lib/api-types";

export type PortalAppointment = components["schemas"]["PortalAppointmentOutput"];
export type Schedule = components["schemas"]["Schedule"];
export type WeeklyBlock = components["schemas"]["WeeklyAvailability"];
export type TimeOff = components["schemas"]["TimeOffOutput"];

export type PortalAppointmentPage = components["schemas"]["PortalAppointmentPage"];

export const portalAppointments = (when: "today" | "upcoming" | "past") =>
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

// The portal's cards and editors copy these into their own state: read fresh each time.
export const usePortalAppointments = (when: "today" | "upcoming" | "past") =>
  useQuery({ queryKey: ["portal", "appointments", when], queryFn: loader(() => portalAppointments(when)), ...SEEDS_A_FORM });

export const useSchedule = () =>
  useQuery({ queryKey: ["portal", "schedule"], queryFn: loader(getSchedule), ...SEEDS_A_FORM });

export const useTimeOff = () =>
  useQuery({ queryKey: ["portal", "time-off"], queryFn: loader(listTimeOff), ...SEEDS_A_FORM });

export const usePortalProfile = () =>
  useQuery({ queryKey: ["portal", "profile"], queryFn: loader(getPortalProfile), ...SEEDS_A_FORM });
