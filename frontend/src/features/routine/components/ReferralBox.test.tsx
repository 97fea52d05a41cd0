import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";

import { ReferralBox } from "./ReferralBox";

function show(specialty: string) {
  render(
    <MemoryRouter>
      <ReferralBox referral={{ urgency: "soon", specialty, reason: "A spot worth a dermatologist's look." }} />
    </MemoryRouter>,
  );
}

describe("ReferralBox", () => {
  it("says what to look for in plain words, never a disease name", () => {
    show("skin_cancer");
    const box = screen.getByRole("region", { name: "Referral" });
    expect(box).toHaveTextContent("Look for a dermatologist who sees moles and skin checks.");
    expect(box).not.toHaveTextContent(/cancer/i);
    expect(screen.getByRole("link", { name: "Book a dermatologist" })).toHaveAttribute(
      "href",
      expect.stringContaining("specialty=skin_cancer"),
    );
  });

  it("shows a specialty this build does not know by its code rather than nothing", () => {
    show("scalp");
    expect(screen.getByRole("region", { name: "Referral" })).toHaveTextContent("who sees scalp.");
  });
});
