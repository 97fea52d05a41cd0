import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { loader, writer } from "../../lib/query";
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

/** The directory keeps showing the last answer while a new filter's answer loads. */
export const useDoctors = (filters: DirectoryFilters) =>
  useQuery({
    queryKey: ["doctors", "list", filters],
    queryFn: loader(() => listDoctors(filters)),
    placeholderData: keepPreviousData,
  });

export const useDoctor = (id: string) =>
  useQuery({ queryKey: ["doctors", "detail", id], queryFn: loader(() => getDoctor(id)) });

/** Free slots are the one read that goes stale on its own (others book them): never cached. */
export const useSlots = (id: string, from: string, to: string, consultationType?: string) =>
  useQuery({
    queryKey: ["doctors", "slots", id, from, to, consultationType ?? ""],
    queryFn: loader(() => getSlots(id, from, to, consultationType)),
    gcTime: 0,
  });

export const useSpecialties = () =>
  useQuery({ queryKey: ["doctors", "specialties"], queryFn: loader(listSpecialties), staleTime: Infinity });

export const useLanguages = () =>
  useQuery({ queryKey: ["doctors", "languages"], queryFn: loader(listLanguages), staleTime: Infinity });

/** No read here shows the waitlist: nothing cached to correct. */
export const useJoinWaitlist = () =>
  useMutation({
    mutationFn: writer(({ doctorId, ...body }: { doctorId: string; reason: string; consultation_type: string }) =>
      joinWaitlist(doctorId, body),
    ),
  });
