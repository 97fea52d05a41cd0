// Dates and times for people: always shown in one time zone, said out loud.
import { useEffect, useState } from "react";

import { apiFetch } from "./api";
import { useAuth } from "./auth";

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** The zone to show times in: the signed-in person's profile zone, else this browser's. */
export function useDisplayZone(): string {
  const { user } = useAuth();
  const [zone, setZone] = useState<string>(browserZone());
  useEffect(() => {
    if (!user) return;
    let live = true;
    apiFetch<{ time_zone: string }>("profile/")
      .then((profile) => live && profile.time_zone && setZone(profile.time_zone))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user]);
  return zone;
}

export function formatDay(iso: string, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: zone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, zone: string): string {
  return `${formatDay(iso, zone)}, ${formatTime(iso, zone)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone, for grouping. */
export function dayKey(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
  return parts;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayIn(zone: string): string {
  return dayKey(new Date().toISOString(), zone);
}

/** True when a visit starting at `iso`, still to come, is so soon that once booked it could
 * no longer be moved or cancelled online. */
export function insideChangeCutoff(iso: string, cutoffHours: number, now: Date = new Date()): boolean {
  const ahead = new Date(iso).getTime() - now.getTime();
  return ahead >= 0 && ahead < cutoffHours * 3600 * 1000;
}
