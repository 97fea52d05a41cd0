import { screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { ProductDetail } from "../features/products/api";
import { ProductPage } from "./ProductPage";
import { renderWithQuery } from "../test/query";

function product(url: string, extra: Partial<ProductDetail> = {}): ProductDetail {
  return {
    id: "3f1c1f5e-0000-4000-8000-000000000001",
    name: "Barrier Cream",
    brand: "Brand",
    category: "moisturiser",
    category_label: "Moisturiser",
    price: "14.00",
    currency: "GBP",
    price_band: "low",
    size: "50ml",
    rating: "4.50",
    image_url: "",
    url,
    skin_types: [],
    actives: [],
    fragrance_free: true,
    pregnancy_safe: true,
    vegan: null,
    spf: null,
    ingredients_incomplete: false,
    missing_actives: [],
    drying_alcohol_free: true,
    max_comedogenic: 0,
    ingredients_text: "Aqua",
    usage: { amount: "A pea-sized amount", time: "am_pm", frequency: "Twice a day", introduction: "", warnings: "" },
    ingredients: [],
    unknown_ingredients: [],
    source: "metskin",
    ...extra,
  };
}

function showProduct(url: string, extra: Partial<ProductDetail> = {}) {
  vi.stubGlobal(
    "fetch",
    vi.fn().mockResolvedValue(
      new Response(JSON.stringify(product(url, extra)), { status: 200, headers: { "Content-Type": "application/json" } }),
    ),
  );
  renderWithQuery(
    <MemoryRouter initialEntries={["/products/3f1c1f5e-0000-4000-8000-000000000001"]}>
      <Routes>
        <Route path="/products/:id" element={<ProductPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("ProductPage shop link", () => {
  it("links to a web address", async () => {
    showProduct("https://shop.example/barrier-cream");

    expect(await screen.findByRole("heading", { name: "Barrier Cream" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "See it in the shop" })).toHaveAttribute(
      "href",
      "https://shop.example/barrier-cream",
    );
  });

  it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://files.example/x"])(
    "shows no link for %s",
    async (url) => {
      showProduct(url);

      expect(await screen.findByRole("heading", { name: "Barrier Cream" })).toBeInTheDocument();
      expect(screen.queryByRole("link", { name: "See it in the shop" })).toBeNull();
      expect(document.querySelector(`a[href^="javascript"], a[href^="data"]`)).toBeNull();
    },
  );
});

describe("ProductPage incomplete list", () => {
  it("says what the list lacks", async () => {
    showProduct("", { name: "Daily SPF 45", ingredients_incomplete: true, missing_actives: ["spf"] });

    expect(await screen.findByTestId("incomplete-list")).toHaveTextContent(
      "Ingredient list incomplete. It is sold as having a UV filter, but the list we hold names none.",
    );
  });

  it("says nothing of a complete list", async () => {
    showProduct("");

    expect(await screen.findByRole("heading", { name: "Barrier Cream" })).toBeInTheDocument();
    expect(screen.queryByTestId("incomplete-list")).toBeNull();
  });
});
