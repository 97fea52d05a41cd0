export const CATEGORIES: [string, string][] = [
  ["cleanser", "Cleanser"],
  ["toner", "Toner"],
  ["serum", "Serum"],
  ["moisturiser", "Moisturiser"],
  ["sunscreen", "Sunscreen"],
  ["exfoliant", "Exfoliant"],
  ["treatment", "Treatment"],
  ["eye_care", "Eye care"],
  ["mask", "Mask"],
];

export const SKIN_TYPES: [string, string][] = [
  ["dry", "Dry"],
  ["oily", "Oily"],
  ["combination", "Combination"],
  ["normal", "Normal"],
  ["sensitive", "Sensitive"],
];

export const CONCERNS: [string, string][] = [
  ["acne", "Acne and breakouts"],
  ["redness", "Redness"],
  ["dark_spots", "Dark spots"],
  ["uneven_tone", "Uneven tone"],
  ["shine", "Shine and oiliness"],
  ["texture", "Texture and pores"],
  ["fine_lines", "Fine lines"],
  ["dark_circles", "Dark circles"],
  ["dryness", "Dryness"],
];

export const ACTIVE_LABELS: Record<string, string> = {
  retinoid: "Retinoid",
  aha: "AHA",
  bha: "BHA",
  benzoyl_peroxide: "Benzoyl peroxide",
  vitamin_c: "Vitamin C",
  niacinamide: "Niacinamide",
  azelaic_acid: "Azelaic acid",
  spf: "SPF",
};

// Warning flags get a warning colour; actives are information.
export const WARNING_FLAGS = new Set([
  "fragrance",
  "eu_allergen",
  "drying_alcohol",
  "comedogenic",
  "pregnancy_caution",
  "irritant",
]);

export function formatPrice(price: string | null, currency: string): string {
  if (price === null) return "Price not known";
  const symbol = { GBP: "£", USD: "$", EUR: "€" }[currency] ?? `${currency} `;
  return `${symbol}${price}`;
}
