import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { result } from "../testData";
import { ToneCard } from "./ToneCard";

describe("ToneCard", () => {
  it("puts the phototype from the person's answers first and says when the photo disagrees", () => {
    const tone = result().tone;
    render(
      <ToneCard
        tone={tone}
        phototype={{
          fitzpatrick: "V",
          fitzpatrick_source: "questionnaire",
          fitzpatrick_range: ["IV", "V"],
          image_estimate: "III",
          disagreement: true,
          note: "Your answers give type V; the colour of your skin in this photo looks like type III.",
        }}
      />,
    );
    expect(screen.getByTestId("phototype")).toHaveTextContent("Type V (IV–V)");
    expect(screen.getByText("Photo's estimate")).toBeInTheDocument();
    expect(screen.getByText(/looks like type III/)).toHaveClass("fw-semibold");
  });

  it("without answers shows the photo's estimate only", () => {
    render(<ToneCard tone={result().tone} phototype={null} />);
    expect(screen.getByText("Fitzpatrick (estimate)")).toBeInTheDocument();
    expect(screen.queryByTestId("phototype")).not.toBeInTheDocument();
  });
});
