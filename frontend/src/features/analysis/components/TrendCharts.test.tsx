import { render } from "@testing-library/react";
import type { ComponentProps } from "react";
import type { Line } from "react-chartjs-2";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { AnalysisItem } from "../api";
import { TrendCharts } from "./TrendCharts";

// jsdom has no canvas: the chart library is replaced by a stand-in that keeps what each chart
// was given, so the test reads the very data Chart.js would draw.
type LineProps = ComponentProps<typeof Line>;
const drawn = vi.hoisted(() => [] as LineProps[]);
vi.mock("react-chartjs-2", () => ({
  Line: (props: LineProps) => {
    drawn.push(props);
    return null;
  },
}));

function item(id: string, created_at: string, concerns: Record<string, number | null>): AnalysisItem {
  return {
    id,
    status: "done",
    progress: 100,
    stage: "done",
    kind: "photo",
    created_at,
    finished_at: created_at,
    error: null,
    summary: {
      ita: 30,
      ita_band: "intermediate",
      monk: 4,
      monk_hex: "#eadaba",
      fitzpatrick: "III",
      undertone: "warm",
      quality_ok: true,
      quality_score: 0.9,
      lighting_issues: [],
      concerns,
    },
    thumbnail_url: null,
    lesion_urgency: null,
  };
}

describe("TrendCharts", () => {
  beforeEach(() => {
    drawn.length = 0;
  });

  it("draws a concern not checked in a photo as a gap, never a 0 nor a line across it", () => {
    // Newest first, as GET /api/v1/analyses/ answers; dark spots not checked in the middle photo.
    render(
      <TrendCharts
        items={[
          item("a3", "2026-11-20T09:00:00Z", { redness: 30, dark_spots: 25 }),
          item("a2", "2026-10-20T09:00:00Z", { redness: 35, dark_spots: null }),
          item("a1", "2026-09-20T09:00:00Z", { redness: 50, dark_spots: 20 }),
        ]}
      />,
    );

    const concerns = drawn.find((props) => props["aria-label"] === "Chart of each concern over time");
    expect(concerns).toBeDefined();
    const datasets = concerns!.data.datasets;
    const spots = datasets.find((set) => set.label === "Dark spots");
    expect(spots?.data).toEqual([20, null, 25]); // oldest first
    expect(spots?.spanGaps).toBe(false);
    expect(datasets.find((set) => set.label === "Redness")?.data).toEqual([50, 35, 30]);
  });
});
