// Labels for the choices of metskin/accounts/models.py; the values are typed by the schema,
// so a renamed or removed choice fails the type check.
import type { components } from "../../lib/api-types";
import { CONCERN_LABELS } from "../../lib/vocabulary";

type Schemas = components["schemas"];

export const AGE_RANGES: [Schemas["AgeRangeEnum"], string][] = [
  ["under_18", "Under 18"],
  ["18_24", "18–24"],
  ["25_34", "25–34"],
  ["35_44", "35–44"],
  ["45_54", "45–54"],
  ["55_64", "55–64"],
  ["65_plus", "65 or over"],
];

export const SKIN_TYPES: [Schemas["SkinTypeEnum"], string][] = [
  ["oily", "Oily"],
  ["dry", "Dry"],
  ["combination", "Combination"],
  ["normal", "Normal"],
];

export const SENSITIVITY: [Schemas["SensitivityEnum"], string][] = [
  ["not_sensitive", "Not sensitive"],
  ["somewhat", "Somewhat sensitive"],
  ["very", "Very sensitive"],
];

export const PREGNANCY: [Schemas["PregnancyEnum"], string][] = [
  ["no", "No"],
  ["pregnant", "Pregnant"],
  ["breastfeeding", "Breastfeeding"],
  ["trying", "Trying to conceive"],
];

export const SUN_REACTIONS: [Schemas["SunReactionEnum"], string][] = [
  ["always_burns", "Always burns, never tans"],
  ["usually_burns", "Usually burns, tans a little"],
  ["sometimes_burns", "Sometimes burns, tans gradually"],
  ["rarely_burns", "Rarely burns, tans well"],
  ["very_rarely_burns", "Very rarely burns, tans easily"],
  ["never_burns", "Never burns"],
];

// The labels are the one vocabulary's (lib/vocabulary.ts, generated from Python).
export const CONCERNS = Object.entries(CONCERN_LABELS) as [Schemas["ConcernsEnum"], string][];

export const SYMPTOMS: [Schemas["SymptomsEnum"], string][] = [
  ["bleeding", "A spot or mole that bleeds"],
  ["itching", "A spot or mole that itches"],
  ["changing_mole", "A mole that changes in size, shape or colour"],
  ["non_healing", "A sore that does not heal"],
];

export const CURRENCIES: [Schemas["CurrencyEnum"], string][] = [
  ["GBP", "£ (UK)"],
  ["USD", "$ (US)"],
  ["EUR", "€ (euro area)"],
];

export const BUDGETS: [Schemas["BudgetEnum"], string][] = [
  ["any", "No preference"],
  ["low", "Budget"],
  ["mid", "Mid-range"],
  ["high", "Premium"],
];
