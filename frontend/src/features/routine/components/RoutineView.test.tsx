import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";

import type { Recommendation, RoutineStep } from "../api";
import { RoutineView } from "./RoutineView";

function step(name: string, kind: RoutineStep["step"], extra: Partial<RoutineStep> = {}): RoutineStep {
  return {
    step: kind,
    product: {
      id: `id-${name}`,
      name,
      brand: "Brand",
      category: "serum",
      price: "12.00",
      currency: "GBP",
      size: "",
      rating: "4.20",
      actives: [],
      spf: null,
      url: `/products/id-${name}`,
      price_for_you: { amount: "12.00", currency: "GBP", converted: false, rates_as_of: null },
    },
    why: `Why ${name}`,
    how_to_use: { amount: "A pea-sized amount", when: "Evening", frequency: "Once a day", introduction: [], warnings: [] },
    alternatives: [],
    cheaper_alternative_id: null,
    ...extra,
  };
}

const recommendation: Recommendation = {
  currency: "GBP",
  rates_as_of: "2026-12-01",
  concerns: [
    {
      name: "acne",
      label: "Acne and breakouts",
      severity: 62,
      confidence: 0.8,
      source: "analysis",
      why: "Measured at 62.",
      learn_url: "/learn/concern/acne/",
    },
  ],
  tips: [{ concern: "acne", title: "Hands off", text: "Do not squeeze spots." }],
  routine: {
    am: [step("Morning Wash", "cleanse"), step("Daily SPF 50", "protect")],
    pm: [
      step("Retinol Serum", "treat", {
        how_to_use: {
          amount: "A pea-sized amount",
          when: "Evening",
          frequency: "In the evening only",
          introduction: ["Weeks 1–2: two evenings a week"],
          warnings: ["Not for pregnancy or breastfeeding."],
        },
        alternatives: [step("Cheap Retinol", "treat").product],
        cheaper_alternative_id: "id-Cheap Retinol",
      }),
    ],
  },
  excluded: [
    {
      item: "Fragrance and essential oils",
      reason: "We left them out because your skin is sensitive.",
      rule: "sensitive_skin",
      term: "fragrance",
      learn_url: "/learn/term/fragrance/",
    },
  ],
  referral: { urgency: "soon", specialty: "acne", reason: "Many inflamed spots." },
  based_on_analysis: "a1",
  disclaimer: "This is not a diagnosis.",
};

function renderView(data = recommendation) {
  render(
    <MemoryRouter>
      <RoutineView recommendation={data} />
    </MemoryRouter>,
  );
}

describe("RoutineView", () => {
  it("shows the morning steps first and the evening on its tab", async () => {
    renderView();

    const morning = screen.getByRole("tabpanel", { name: "Morning (AM)" });
    expect(within(morning).getAllByRole("article").map((card) => card.querySelector("h3")?.textContent)).toEqual([
      "Morning Wash",
      "Daily SPF 50",
    ]);
    await userEvent.click(screen.getByRole("tab", { name: "Evening (PM)" }));
    const evening = screen.getByRole("tabpanel", { name: "Evening (PM)" });
    expect(within(evening).getByRole("link", { name: "Retinol Serum" })).toHaveAttribute("href", "/products/id-Retinol Serum");
    expect(within(evening).getByText("Weeks 1–2: two evenings a week")).toBeInTheDocument();
    expect(within(evening).getByText("Cheaper")).toBeInTheDocument();
  });

  it("puts the referral first with a button to the filtered directory", () => {
    renderView();

    const referral = screen.getByRole("region", { name: "Referral" });
    expect(within(referral).getByText("See a dermatologist soon")).toBeInTheDocument();
    // "soon": doctors with a free slot within six weeks.
    expect(within(referral).getByRole("link", { name: "Book a dermatologist" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/doctors\?specialty=acne&sort=soonest&available_by=\d{4}-\d{2}-\d{2}$/),
    );
  });

  it("says what was left out and why", () => {
    renderView();

    expect(screen.getByText("Fragrance and essential oils")).toBeInTheDocument();
    expect(screen.getByText("We left them out because your skin is sensitive.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Learn more" })).toHaveAttribute("href", "/learn/term/fragrance/");
  });

  it("invites a person without an analysis to analyse a photo and shows no referral", () => {
    renderView({ ...recommendation, referral: null, based_on_analysis: null });

    expect(screen.queryByRole("region", { name: "Referral" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Analyse a photo of your skin" })).toHaveAttribute("href", "/analyse");
  });
});

describe("RoutineView prices", () => {
  it("shows a product of another market converted, and says so", () => {
    const sunscreen = step("US Sunscreen", "protect");
    sunscreen.product = {
      ...sunscreen.product,
      price: "20.00",
      currency: "USD",
      price_for_you: { amount: "15.80", currency: "GBP", converted: true, rates_as_of: "2026-12-01" },
    };
    render(
      <MemoryRouter>
        <RoutineView recommendation={{ ...recommendation, routine: { am: [sunscreen], pm: [] } }} />
      </MemoryRouter>,
    );

    expect(screen.getByText(/about £15\.80 \(\$20\.00, converted at the rates of 2026-12-01\)/)).toBeInTheDocument();
  });
});
