import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithQuery } from "../../../test/query";
import { IngredientChecker } from "./IngredientChecker";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const result = {
  ingredients: [
    {
      position: 1,
      listed_name: "Parfum",
      inci_name: "PARFUM",
      known: true,
      flags: [{ key: "fragrance", label: "Fragrance", learn_url: "/learn/term/fragrance/" }],
      active_class: null,
      comedogenic: null,
      irritancy: null,
      concentration_percent: null,
      may_contain: false,
    },
    {
      position: 2,
      listed_name: "Moonbeam",
      inci_name: null,
      known: false,
      flags: [],
      active_class: null,
      comedogenic: null,
      irritancy: null,
      concentration_percent: null,
      may_contain: false,
    },
  ],
  unknown: ["Moonbeam"],
  summary: {
    count: 2,
    known: 1,
    actives: [],
    fragrance_free: false,
    drying_alcohol_free: true,
    pregnancy_safe: true,
    max_comedogenic: 0,
  },
  conflicts: [{ kind: "profile", message: "It contains fragrance.", term: "fragrance" }],
  checked_against_routine: true,
};

describe("IngredientChecker", () => {
  it("sends the pasted list and shows flags, conflicts and unknown names", async () => {
    const fetchMock = vi.fn().mockResolvedValue(respond(200, result));
    vi.stubGlobal("fetch", fetchMock);
    renderWithQuery(<IngredientChecker signedIn />);

    await userEvent.type(screen.getByLabelText("Ingredient list"), "Parfum, Moonbeam");
    await userEvent.click(screen.getByRole("button", { name: "Check ingredients" }));

    expect(await screen.findByText("It contains fragrance.")).toBeInTheDocument();
    expect(fetchMock.mock.calls[0][0]).toBe("/api/v1/ingredients/check/");
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ inci: "Parfum, Moonbeam" });
    expect(screen.getByRole("link", { name: "Fragrance" })).toHaveAttribute("href", "/learn/term/fragrance/");
    expect(screen.getByText(/We did not recognise: Moonbeam/)).toBeInTheDocument();
  });

  it("shows the server's message for the field", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        respond(400, {
          error: { code: "invalid", message: "Paste an ingredient list first.", fields: { inci: ["Paste an ingredient list first."] } },
        }),
      ),
    );
    renderWithQuery(<IngredientChecker signedIn={false} />);

    await userEvent.type(screen.getByLabelText("Ingredient list"), " ");
    await userEvent.click(screen.getByRole("button", { name: "Check ingredients" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Paste an ingredient list first.");
    expect(screen.getByLabelText("Ingredient list")).toHaveClass("is-invalid");
  });
});
