// "Book a dermatologist" from a result: the analysis and the reason travel with the person
// through the directory and the doctor's page to the booking form, in this tab only.

const KEY = "metskin.bookingIntent";

export interface BookingIntent {
  analysisId: string;
  /** When the analysis was made (ISO), to name it in the directory's note; "" if unknown. */
  analysisDate: string;
  reason: string;
}

// The booking form's limit for a reason (AppointmentBookInput.reason).
const REASON_MAX = 1000;

export function saveBookingIntent(intent: BookingIntent): void {
  const reason = intent.reason.slice(0, REASON_MAX);
  sessionStorage.setItem(KEY, JSON.stringify({ ...intent, reason }));
}

export function readBookingIntent(): BookingIntent | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as BookingIntent | null;
    return value && typeof value.analysisId === "string" && typeof value.reason === "string" ? value : null;
  } catch {
    return null;
  }
}

export function clearBookingIntent(): void {
  sessionStorage.removeItem(KEY);
}

// How soon the referral's urgency asks for a visit, as the directory's `available_by` date.
const DAYS_BY_URGENCY: Record<string, number> = { promptly: 14, soon: 42 };

export function availableBy(urgency: string, today: Date = new Date()): string | null {
  const days = DAYS_BY_URGENCY[urgency];
  if (days === undefined) return null;
  const by = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${by.getFullYear()}-${pad(by.getMonth() + 1)}-${pad(by.getDate())}`;
}

/** The directory filtered for a referral: its specialty, soonest first, free by its urgency. */
export function directoryLink(specialty: string, urgency: string, today?: Date): string {
  const query = new URLSearchParams({ specialty, sort: "soonest" });
  const by = availableBy(urgency, today);
  if (by) query.set("available_by", by);
  return `/doctors?${query.toString()}`;
}
