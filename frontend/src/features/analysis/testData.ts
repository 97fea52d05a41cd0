// Shapes of the API for component tests (what GET /api/v1/analyses/{id}/ answers).
import type { Analysis, AnalysisResult, Comparison } from "./api";

export function result(overrides: Partial<AnalysisResult> = {}): AnalysisResult {
  return {
    schema_version: "1.0",
    engine_version: "0.1.0",
    media_type: "photo",
    source_format: "jpeg",
    image: { width: 512, height: 512 },
    quality: {
      ok: false,
      score: 0.9,
      issues: [{ code: "colour_cast", message: "The light is strongly coloured: use daylight." }],
      metrics: {},
    },
    face: {
      detected: true,
      box: { x: 160, y: 60, w: 200, h: 200 },
      eyes: [],
      frontal: true,
      detector: "haar",
      landmarks: false,
      pose: null,
    },
    regions: {
      left_cheek: { box: { x: 290, y: 150, w: 50, h: 45 }, skin_share: 0.96, pixels: 2250 },
    },
    tone: {
      ita: 35.2,
      ita_band: "intermediate",
      monk: 4,
      monk_hex: "#eadaba",
      fitzpatrick: "III",
      fitzpatrick_note: "Estimate from skin colour only.",
      undertone: "warm",
      hue_angle: 61.4,
      hex: "#c9a07f",
      lab: [66, 12, 22],
      confidence: 0.8,
      pixels: 5000,
      monk_skin_hex: "#c69f7c",
      fitzpatrick_range: ["III", "III"],
    },
    concerns: [
      {
        name: "redness",
        label: "Redness",
        severity: 25,
        confidence: 0.7,
        regions: ["left_cheek"],
        locations: [{ x: 300, y: 160, w: 30, h: 20 }],
        explanation: "Some redness on the cheeks.",
        details: {},
      },
      {
        name: "acne",
        label: "Acne and breakouts",
        severity: 62,
        confidence: 0.8,
        regions: ["forehead"],
        locations: [{ x: 220, y: 70, w: 8, h: 8 }],
        explanation: "Several inflamed spots on the forehead.",
        details: { count: 7, hayashi_grade: "moderate" },
      },
      {
        name: "lesion",
        label: "Spot worth a dermatologist's look",
        severity: 70,
        confidence: 0.6,
        regions: ["chin"],
        locations: [{ x: 250, y: 240, w: 6, h: 6 }],
        explanation: "One spot looks different from the others.",
        details: { worth_a_look: true, urgency: "soon", reasons: ["It has more than one colour."] },
      },
    ],
    color_correction: {
      method: "none",
      applied: false,
      illuminant_estimate: {},
      gains: [1, 1, 1],
      confidence: 0,
    },
    timings_ms: { total: 150 },
    video: null,
    disclaimer: "This is not a diagnosis.",
    ...overrides,
  };
}

export function analysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    id: "a1",
    status: "done",
    progress: 100,
    stage: "done",
    kind: "photo",
    created_at: "2026-11-20T09:30:00Z",
    finished_at: "2026-11-20T09:30:05Z",
    started_at: "2026-11-20T09:30:01Z",
    error: null,
    summary: {
      ita: 35.2,
      ita_band: "intermediate",
      monk: 4,
      monk_hex: "#eadaba",
      fitzpatrick: "III",
      undertone: "warm",
      quality_ok: false,
      quality_score: 0.9,
      lighting_issues: ["colour_cast"],
      concerns: { redness: 25, acne: 62, lesion: 70 },
    },
    thumbnail_url: "/api/v1/media/thumb/",
    result: result(),
    upload: { id: "u1", kind: "photo", format: "jpeg", content_type: "image/jpeg", width: 512, height: 512, duration_s: null },
    media_url: "/api/v1/media/photo/",
    overlay_url: "/api/v1/media/overlay/",
    is_owner: true,
    lesion_urgency: "soon",
    spot_answers: null,
    same_spot_as: null,
    phototype: null,
    ...overrides,
  };
}

export function comparison(comparable: boolean): Comparison {
  return {
    first: analysis({ id: "a1", created_at: "2026-10-01T09:00:00Z" }),
    second: analysis({ id: "a2", created_at: "2026-11-20T09:00:00Z" }),
    lighting: comparable
      ? { comparable: true, reasons: [], advice: "" }
      : {
          comparable: false,
          reasons: ["The colour of the light differs (about 5500 K and 2900 K)."],
          advice: "For a fair comparison, take your photos in the same place and light.",
        },
    concerns: [
      { name: "acne", first: 62, second: 40, change: -22 },
      { name: "shine", first: null, second: 10, change: null },
    ],
    ita_change: 1.5,
  };
}
