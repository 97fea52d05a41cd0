import { render } from "@testing-library/react";
import type { ComponentProps } from "react";
import type { Line } from "react-chartjs-2";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { analysis } from "../../analysis/testData";
import { SharedTrend, topFindings } from "./SharedAnalyses";

// jsdom has no canvas: the chart library is replaced by a stand-in that keeps what the chart
// was given, so the test reads the very data Chart.js would draw.
type LineProps = ComponentProps<typeof Line>;
const drawn = vi.hoisted(() => [] as LineProps[]);
vi.mock("react-chartjs-2", () => ({
  Line: (props: LineProps) => {
    drawn.push(props);
    return null;
  },
}));

function shared(id: string, created_at: string, concerns: Record<string, number | null>) {
  const base = analysis();
  return analysis({ id, created_at, summary: { ...base.summary!, concerns } });
}

describe("SharedTrend", () => {
  beforeEach(() => {
    drawn.length = 0;
  });

  it("shows the doctor a concern not measured in one analysis as a gap, never a 0", () => {
    // As useAnalysesById gives them: oldest first.
    render(
      <SharedTrend
        analyses={[
          shared("a1", "2026-09-20T09:00:00Z", { redness: 55, acne: 40 }),
          shared("a2", "2026-10-20T09:00:00Z", { redness: 45, acne: null }),
          shared("a3", "2026-11-20T09:00:00Z", { redness: 35, acne: 30 }),
        ]}
      />,
    );

    const [chart] = drawn;
    expect(chart["aria-label"]).toBe("Concern severity over the shared analyses");
    const acne = chart.data.datasets.find((set) => set.label === "Acne and breakouts");
    expect(acne?.data).toEqual([40, null, 30]);
    expect(acne?.spanGaps).toBe(false);
    expect(chart.data.datasets.find((set) => set.label === "Redness")?.data).toEqual([55, 45, 35]);
  });

  it("draws nothing for a single shared analysis", () => {
    render(<SharedTrend analyses={[shared("a1", "2026-09-20T09:00:00Z", { redness: 55 })]} />);

    expect(drawn).toEqual([]);
  });
});

describe("topFindings", () => {
  it("leaves out a concern the engine could not check, so its 0 never reads as clear skin", () => {
    const concerns = [
      { name: "redness", severity: 20, details: {} },
      { name: "dark_spots", severity: 0, details: { assessed: false } },
      { name: "acne", severity: 45, details: null },
    ];

    expect(topFindings(concerns).map((c) => c.name)).toEqual(["acne", "redness"]);
    expect(concerns.map((c) => c.name)).toEqual(["redness", "dark_spots", "acne"]);
  });

  it("keeps the three most severe", () => {
    const concerns = [10, 70, 30, 50].map((severity, i) => ({ name: `c${i}`, severity }));

    expect(topFindings(concerns).map((c) => c.severity)).toEqual([70, 50, 30]);
  });
});
