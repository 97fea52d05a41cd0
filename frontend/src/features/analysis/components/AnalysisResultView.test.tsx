import { render as renderInRouter, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";

import { analysis } from "../testData";
import { AnalysisResultView } from "./AnalysisResultView";

function render(element: ReactElement) {
  return renderInRouter(<MemoryRouter>{element}</MemoryRouter>);
}

describe("AnalysisResultView", () => {
  it("shows the tone card, the concerns by severity and says it is not a diagnosis", () => {
    render(<AnalysisResultView analysis={analysis()} sunReaction="usually_burns" />);

    expect(screen.getByRole("note")).toHaveTextContent("This is not a diagnosis.");
    const tone = screen.getByRole("region", { name: "Skin tone" });
    expect(within(tone).getByRole("img", { name: "Monk skin tone 4 of 10" })).toHaveStyle({
      backgroundColor: "#eadaba",
    });
    expect(tone).toHaveTextContent("Intermediate (35.2°)");
    expect(tone).toHaveTextContent("Type III");
    expect(tone).toHaveTextContent("From your sun answerType II");
    expect(tone).toHaveTextContent("Warm");

    const titles = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(titles).toEqual(["Spot worth a dermatologist's look", "Acne and breakouts", "Redness"]);
    expect(screen.getByRole("progressbar", { name: "Acne and breakouts: 62 out of 100" })).toBeInTheDocument();
    expect(screen.getByText("7 spots counted, a moderate pattern.")).toBeInTheDocument();
    expect(screen.getByText(/Worth showing a dermatologist/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Learn about this: Redness" })).toHaveAttribute(
      "href",
      "/learn/concern/redness/",
    );
  });

  it("leads with the light when it makes the result less reliable, with a retake", () => {
    const base = analysis().result!;
    const issues = [
      { code: "exposure_uncertain", message: "The photo looks too dark." },
      { code: "blurry", message: "The photo is blurry." },
    ] as const;
    render(<AnalysisResultView analysis={analysis({ result: { ...base, quality: { ...base.quality, issues: [...issues] } } })} />);

    const lighting = screen.getByRole("alert", { name: "The light in this photo makes the result less reliable" });
    expect(lighting).toHaveTextContent("The photo looks too dark.");
    expect(lighting).not.toHaveTextContent("blurry");
    expect(within(lighting).getByRole("link", { name: "Retake the photo" })).toHaveAttribute("href", "/analyse");
    // First on the page, before the disclaimer and the tone.
    expect(lighting.compareDocumentPosition(screen.getByRole("note")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The other issues stay in their own box, without repeating the light.
    const other = screen.getByRole("alert", { name: "To get a more reliable result next time" });
    expect(other).toHaveTextContent("The photo is blurry.");
    expect(other).not.toHaveTextContent("too dark");
  });

  it("has no lighting warning when the light was fine", () => {
    const base = analysis().result!;
    render(<AnalysisResultView analysis={analysis({ result: { ...base, quality: { ...base.quality, issues: [] } } })} />);

    expect(screen.queryByText("The light in this photo makes the result less reliable")).toBeNull();
  });

  it("switches between the photo and the overlay", async () => {
    render(<AnalysisResultView analysis={analysis()} />);
    const overlay = screen.getByAltText("Your photo with the measured areas drawn on it");
    const photo = screen.getByAltText("Your photo");
    expect(overlay).toBeVisible();
    expect(photo).not.toBeVisible();

    await userEvent.click(screen.getByRole("switch", { name: "Show what was measured (overlay)" }));

    expect(overlay).not.toBeVisible();
    expect(photo).toBeVisible();
    expect(photo).toHaveAttribute("src", "/api/v1/media/photo/");
  });

  it("says so when no tone could be measured", () => {
    render(<AnalysisResultView analysis={analysis({ result: { ...analysis().result!, tone: null } })} />);

    expect(screen.getByText(/We could not measure your skin tone here/)).toBeInTheDocument();
  });
});
