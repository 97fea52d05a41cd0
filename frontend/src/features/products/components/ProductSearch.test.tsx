import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { renderWithQuery } from "../../../test/query";
import { productCount } from "../labels";
import { ProductSearch } from "./ProductSearch";

function page(count: number, countCapped = false) {
  const body = { count, count_capped: countCapped, next: null, previous: null, results: [] };
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

describe("ProductSearch", () => {
  it("a slow answer to an earlier search never replaces the answer to the current one", async () => {
    // The first search ("serum") answers only when the test says so, after the second ("cream").
    let answerSerum: (response: Response) => void = () => undefined;
    const fetch = vi.fn((url: string) => {
      if (url.includes("q=serum")) return new Promise<Response>((resolve) => (answerSerum = resolve));
      if (url.includes("q=cream")) return Promise.resolve(page(3));
      throw new Error(`unexpected request: ${url}`);
    });
    vi.stubGlobal("fetch", fetch);
    const user = userEvent.setup();
    renderWithQuery(
      <MemoryRouter initialEntries={["/products?q=serum"]}>
        <ProductSearch />
      </MemoryRouter>,
    );

    const box = screen.getByRole("searchbox", { name: "Product or brand" });
    await user.clear(box);
    await user.type(box, "cream");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("3 products")).toBeInTheDocument();

    await act(async () => answerSerum(page(7)));

    expect(screen.getByText("3 products")).toBeInTheDocument();
    expect(screen.queryByText("7 products")).not.toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(["/api/v1/products/?q=serum", "/api/v1/products/?q=cream"]);
  });

  it("says a capped count is a floor, and an exact one as it is", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(page(1000, true))));
    renderWithQuery(
      <MemoryRouter initialEntries={["/products"]}>
        <ProductSearch />
      </MemoryRouter>,
    );

    expect(await screen.findByText("1,000+ products")).toBeInTheDocument();
    expect(productCount(1, false)).toBe("1 product");
    expect(productCount(240, false)).toBe("240 products");
  });

  it("sends a price range with its currency, and shows the server's word under the currency when none is chosen", async () => {
    const refused = {
      error: {
        code: "invalid",
        message: "Please check the highlighted fields.",
        fields: { currency: ["Choose a currency: prices are compared only in one currency."] },
      },
    };
    const fetch = vi.fn((url: string) =>
      Promise.resolve(
        url.includes("currency=")
          ? page(2)
          : url.includes("price_max")
            ? new Response(JSON.stringify(refused), { status: 400, headers: { "Content-Type": "application/json" } })
            : page(9),
      ),
    );
    vi.stubGlobal("fetch", fetch);
    const user = userEvent.setup();
    renderWithQuery(
      <MemoryRouter initialEntries={["/products"]}>
        <ProductSearch />
      </MemoryRouter>,
    );
    await screen.findByText("9 products");

    await user.type(screen.getByRole("textbox", { name: "Highest price" }), "30");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("Choose a currency: prices are compared only in one currency.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Prices in" })).toHaveClass("is-invalid");

    await user.selectOptions(screen.getByRole("combobox", { name: "Prices in" }), "GBP");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(await screen.findByText("2 products")).toBeInTheDocument();
    expect(fetch.mock.calls.at(-1)?.[0]).toBe("/api/v1/products/?currency=GBP&price_max=30");
  });
});
