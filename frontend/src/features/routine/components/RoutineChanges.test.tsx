import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { RoutineChanges } from "../api";
import { RoutineChangesList } from "./RoutineChanges";

const none: RoutineChanges = {
  based_on_analysis: "b",
  previous_analysis: "a",
  steps: [],
  concerns_added: [],
  concerns_dropped: [],
};

describe("RoutineChangesList", () => {
  it("says plainly when nothing changed", () => {
    render(<RoutineChangesList changes={none} />);
    expect(screen.getByText("Nothing in your routine changed since your last analysis.")).toBeInTheDocument();
    expect(screen.queryByRole("list")).not.toBeInTheDocument();
  });

  it("compares a first analysis with the routine from the profile", () => {
    render(<RoutineChangesList changes={{ ...none, previous_analysis: null }} />);
    expect(screen.getByText(/since the routine from your skin profile alone/)).toBeInTheDocument();
  });

  it("names each change with its time, step and products", () => {
    render(
      <RoutineChangesList
        changes={{
          ...none,
          concerns_added: ["Acne and breakouts"],
          concerns_dropped: ["Dryness"],
          steps: [
            { time: "pm", step: "treat", change: "added", before: null, after: "Brand Azelaic Booster" },
            { time: "am", step: "cleanse", change: "replaced", before: "Brand Gentle", after: "Brand Salicylic Wash" },
            { time: "am", step: "eye_care", change: "removed", before: "Brand Eye Gel", after: null },
          ],
        }}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Changes to your routine" }))
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(items).toEqual([
      "Now also works on: Acne and breakouts.",
      "No longer aimed at: Dryness.",
      "Evening · Treat: new step, Brand Azelaic Booster",
      "Morning · Cleanse: now Brand Salicylic Wash (was Brand Gentle)",
      "Morning · Eye care: no longer needed (was Brand Eye Gel)",
    ]);
  });
});
