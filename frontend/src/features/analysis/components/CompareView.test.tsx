import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { comparison } from "../testData";
import { CompareView } from "./CompareView";

describe("CompareView", () => {
  it("puts the pictures and numbers side by side", () => {
    render(<CompareView comparison={comparison(true)} />);

    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getAllByRole("img", { name: /with the measured areas/ })).toHaveLength(2);
    const table = screen.getByRole("table", { name: "Numbers side by side" });
    const rows = within(table).getAllByRole("row").map((row) => row.textContent);
    expect(rows).toEqual([
      "MeasureFirstSecondChange",
      "Skin tone (ITA°)35.2 Intermediate35.2 Intermediate+1.5",
      "Acne and breakoutsModerate (62)Mild (40)-22",
      "Shine and oilinessnot checkedBarely visible (10)–",
    ]);
  });

  it("warns when the light differs too much to compare", () => {
    render(<CompareView comparison={comparison(false)} />);

    const warning = screen.getByRole("alert");
    expect(warning).toHaveTextContent("The light differs too much to compare these fairly.");
    expect(warning).toHaveTextContent("about 5500 K and 2900 K");
    expect(warning).toHaveTextContent("same place and light");
  });
});
