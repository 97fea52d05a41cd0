// Words shown for the values of skinlab's result (docs/architecture.md).
import type { components } from "../../lib/api-types";

type Schemas = components["schemas"];

export const STAGES: Record<string, string> = {
  queued: "Waiting for a free analyser",
  starting: "Starting",
  retrying: "Trying again",
  reading: "Opening your photo",
  load: "Opening your photo",
  detect_face: "Finding your face",
  quality: "Checking the light and focus",
  color_correction: "Correcting the colour of the light",
  regions: "Finding clear skin",
  tone: "Measuring your skin tone",
  concerns: "Looking at each concern",
  overlay: "Drawing the overlay",
  video: "Choosing the best video frames",
  preparing_video: "Preparing your video for safe storage",
  saving: "Saving the result",
  done: "Done",
  failed: "Could not finish",
};

export function stageLabel(stage: string): string {
  if (STAGES[stage]) return STAGES[stage];
  const base = stage.split(/[:.]/)[0];
  return STAGES[base] ?? "Analysing";
}

// Keyed by the schema's enums (skinlab's vocabularies): a renamed value fails the type check.
export const ITA_BANDS: Record<Schemas["ItaBandEnum"], string> = {
  very_light: "Very light",
  light: "Light",
  intermediate: "Intermediate",
  tan: "Tan",
  brown: "Brown",
  dark: "Dark",
};

export const UNDERTONES: Record<Schemas["UndertoneEnum"], string> = {
  warm: "Warm (more yellow or golden)",
  neutral: "Neutral",
  cool: "Cool (more pink or red)",
};

/** The card's title. The engine names the lesion check by what it looks for ("a spot worth a
 * dermatologist's look"); a person whose spots showed no warning sign must not read that as
 * the finding, so their card says what to do instead. */
export function concernTitle(concern: { name: string; label: string; details?: Record<string, unknown> | null }): string {
  if (concern.name === "lesion" && concern.details?.worth_a_look !== true) return "Spots to keep an eye on";
  return concern.label;
}

/** False when the engine listed a concern it could not check in this photo (the detail gate). */
export function isAssessed(concern: { details?: Record<string, unknown> | null }): boolean {
  return concern.details?.assessed !== false;
}

export function severityWord(severity: number): string {
  if (severity < 20) return "Barely visible";
  if (severity < 45) return "Mild";
  if (severity < 70) return "Moderate";
  return "Marked";
}

export function severityVariant(severity: number): "success" | "info" | "warning" | "danger" {
  if (severity < 20) return "success";
  if (severity < 45) return "info";
  if (severity < 70) return "warning";
  return "danger";
}

export const ACNE_GRADES: Record<string, string> = {
  mild: "mild",
  moderate: "moderate",
  severe: "severe",
  very_severe: "very severe",
};

export function formatDate(value: string): string {
  return new Date(value).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

export function formatDateTime(value: string): string {
  return new Date(value).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
