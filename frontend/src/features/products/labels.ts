import { CATEGORY_LABELS, CONCERN_LABELS, PRODUCT_CONCERNS } from "../../lib/vocabulary";

// Categories and concerns come from the one vocabulary (lib/vocabulary.ts, generated from Python).
export const CATEGORIES = Object.entries(CATEGORY_LABELS);

export const SKIN_TYPES: [string, string][] = [
  ["dry", "Dry"],
  ["oily", "Oily"],
  ["combination", "Combination"],
  ["normal", "Normal"],
  ["sensitive", "Sensitive"],
];

export const CONCERNS: [string, string][] = PRODUCT_CONCERNS.map((name) => [name, CONCERN_LABELS[name]]);

export function formatPrice(price: string | null, currency: string): string {
  if (price === null) return "Price not known";
  const symbol = { GBP: "£", USD: "$", EUR: "€" }[currency] ?? `${currency} `;
  return `${symbol}${price}`;
}

/** "1 product", "240 products"; a capped count is a floor: "1,000+ products". */
export function productCount(count: number, capped: boolean): string {
  if (capped) return `${count.toLocaleString()}+ products`;
  return count === 1 ? "1 product" : `${count.toLocaleString()} products`;
}
