import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";

import { analysis, result } from "../testData";
import { AnalysisResultView } from "./AnalysisResultView";
import { ConcernCard } from "./ConcernCard";

const TOO_SMALL =
  "The face is too small in this photo to check this: take the photo closer, with the face filling most of the frame.";

const notChecked = {
  name: "dark_spots" as const,
  label: "Dark spots",
  severity: 0,
  confidence: 0,
  regions: [],
  locations: [],
  explanation: TOO_SMALL,
  details: { assessed: false, count: null },
};

const spot = (details: Record<string, unknown>) => ({
  name: "lesion" as const,
  label: "Spot worth a dermatologist's look",
  severity: 30,
  confidence: 0.5,
  regions: [],
  locations: [],
  explanation: "What to do.",
  details,
});

describe("ConcernCard", () => {
  it("says how soon to show a spot, and why in plain words", () => {
    render(<ConcernCard concern={spot({ urgency: "urgent", reasons: ["You said it bleeds."], worth_a_look: true })} />);
    expect(screen.getByText(/within the next two weeks/)).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Why" })).toHaveTextContent("You said it bleeds.");
    expect(screen.getByRole("link", { name: "Find one near you" })).toBeInTheDocument();
  });

  it("asks to photograph a spot to watch again, without a referral", () => {
    render(
      <ConcernCard concern={spot({ urgency: "routine", reasons: ["It has more than one colour."] })} analysisId="a1" />,
    );
    expect(screen.getByText(/photograph it again in 4 to 8 weeks/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Find one near you" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Photograph this spot again" })).toHaveAttribute(
      "href",
      "/analyse?same_spot_as=a1",
    );
  });

  it("shows a concern the engine could not check as not checked, muted, without a bar", () => {
    render(<ConcernCard concern={notChecked} />);

    const card = screen.getByRole("region", { name: "Dark spots" });
    expect(within(card).getByText("Not checked in this photo")).toHaveClass("bg-light");
    expect(within(card).getByText(TOO_SMALL)).toBeInTheDocument();
    expect(within(card).queryByRole("progressbar")).not.toBeInTheDocument();
    expect(within(card).queryByText("Barely visible")).not.toBeInTheDocument();
    expect(within(card).queryByText(/low confidence/)).not.toBeInTheDocument();
    expect(within(card).getByRole("link", { name: "Learn about this: Dark spots" })).toHaveAttribute(
      "href",
      "/learn/concern/dark_spots/",
    );
  });

  it("shows an assessed concern with no finding as barely visible, with its bar", () => {
    const clear = { ...notChecked, confidence: 0.7, explanation: "No dark spots.", details: { assessed: true } };
    render(<ConcernCard concern={clear} />);

    const card = screen.getByRole("region", { name: "Dark spots" });
    expect(within(card).getByText("Barely visible")).toHaveClass("bg-success");
    expect(within(card).getByRole("progressbar", { name: "Dark spots: 0 out of 100" })).toBeInTheDocument();
    expect(within(card).queryByText("Not checked in this photo")).not.toBeInTheDocument();
  });

  it("titles a spot without warning signs as one to keep an eye on, with no referral", () => {
    const spot = {
      ...notChecked,
      name: "lesion" as const,
      label: "Spot worth a dermatologist's look",
      severity: 20,
      confidence: 0.6,
      explanation: "The spots found look even in shape and colour. See a dermatologist if one changes.",
      details: { assessed: true, worth_a_look: false },
    };
    const { rerender } = render(<ConcernCard concern={spot} />);

    expect(screen.getByRole("region", { name: "Spots to keep an eye on" })).toBeInTheDocument();
    expect(screen.queryByText(/Worth showing a dermatologist/)).not.toBeInTheDocument();

    rerender(<ConcernCard concern={{ ...spot, details: { assessed: true, worth_a_look: true } }} />);
    const flagged = screen.getByRole("region", { name: "Spot worth a dermatologist's look" });
    expect(within(flagged).getByText(/Worth showing a dermatologist/)).toBeInTheDocument();
  });

  it("lists the concerns that were not checked after every finding", () => {
    const base = result();
    const shine = { ...notChecked, name: "shine" as const, label: "Shine", confidence: 0.6, details: {} };
    const concerns = [notChecked, ...base.concerns, shine];
    render(
      <MemoryRouter>
        <AnalysisResultView analysis={analysis({ result: { ...base, concerns } })} />
      </MemoryRouter>,
    );

    const titles = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual([
      "Spot worth a dermatologist's look",
      "Acne and breakouts",
      "Redness",
      "Shine",
      "Dark spots",
    ]);
    expect(screen.getAllByText("Not checked in this photo")).toHaveLength(1);
  });
});
