import { apiFetch } from "../../lib/api";
import type { components } from "../../lib/api-types";

export type DirectoryDoctor = components["schemas"]["DirectoryEntryOutput"];
export type DoctorDetail = components["schemas"]["DoctorDetailOutput"];
export type Slot = components["schemas"]["SlotOutput"];
export type Specialty = components["schemas"]["SpecialtyOutput"];
export type Language = components["schemas"]["LanguageOutput"];
export type WaitlistEntry = components["schemas"]["WaitlistEntryOutput"];

export type DirectoryPage = components["schemas"]["DirectoryPage"];

export interface DirectoryFilters {
  specialty?: string;
  language?: string;
  consultation_type?: string;
  postcode?: string;
  near?: string;
  radius_km?: string;
  sort?: string;
  q?: string;
  /** YYYY-MM-DD: only doctors with a free slot by then (a referral's urgency). */
  available_by?: string;
  page?: string;
}

export function listDoctors(filters: DirectoryFilters) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) query.set(key, value);
  }
  return apiFetch<DirectoryPage>(`doctors/?${query.toString()}`);
}

export const getDoctor = (id: string) => apiFetch<DoctorDetail>(`doctors/${id}/`);

export function getSlots(id: string, from: string, to: string, consultationType?: string) {
  const query = new URLSearchParams({ from, to });
  if (consultationType) query.set("consultation_type", consultationType);
  return apiFetch<Slot[]>(`doctors/${id}/slots/?${query.toString()}`);
}

export const listSpecialties = () => apiFetch<Specialty[]>("doctors/specialties/");
export const listLanguages = () => apiFetch<Language[]>("doctors/languages/");

export const joinWaitlist = (id: string, body: { reason: string; consultation_type: string }) =>
  apiFetch<WaitlistEntry>(`doctors/${id}/waitlist/`, { body });
