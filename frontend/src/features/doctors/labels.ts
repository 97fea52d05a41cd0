export const CONSULTATION_LABELS: Record<string, string> = {
  in_person: "In person",
  video: "Video",
};

export function fee(amount: string | null | undefined, currency: string): string | null {
  if (!amount) return null;
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(
    Number(amount),
  );
}

export function initials(first: string, last: string): string {
  return `${first.charAt(0)}${last.charAt(0)}`.toUpperCase();
}
