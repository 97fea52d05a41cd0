import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import type { AnalysisItem } from "../features/analysis/api";
import { comparison } from "../features/analysis/testData";
import { HistoryPage } from "./HistoryPage";
import { renderWithQuery } from "../test/query";

function item(id: string, created_at: string): AnalysisItem {
  // No summary: the trend charts stay out of the way (jsdom has no canvas).
  return {
    id,
    status: "done",
    progress: 100,
    stage: "done",
    kind: "photo",
    created_at,
    finished_at: created_at,
    error: null,
    summary: null,
    thumbnail_url: null,
    lesion_urgency: null,
  };
}

// Newest first, as GET /api/v1/analyses/ answers.
const ITEMS = [item("a2", "2026-11-20T09:00:00Z"), item("a1", "2026-10-01T09:00:00Z")];

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

function stubApi() {
  const deleted = new Set<string>();
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === "DELETE") {
      deleted.add(url.split("/").at(-2) ?? "");
      return new Response(null, { status: 204 });
    }
    if (url.startsWith("/api/v1/analyses/compare/")) return json(comparison(true));
    if (url.startsWith("/api/v1/analyses/")) {
      const results = ITEMS.filter((one) => !deleted.has(one.id));
      return json({ count: results.length, next: null, previous: null, results });
    }
    throw new Error(`unexpected request: ${url}`);
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function Where() {
  return <p data-testid="where">{useLocation().search}</p>;
}

function renderPage(entry: string) {
  renderWithQuery(
    <MemoryRouter initialEntries={[entry]}>
      <Routes>
        <Route
          path="/history"
          element={
            <>
              <HistoryPage />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

const compareBox = (date: RegExp) => screen.getByRole("checkbox", { name: date });

describe("HistoryPage", () => {
  it("clearing the comparison unticks both analyses and hides it", async () => {
    stubApi();
    const user = userEvent.setup();
    renderPage("/history");
    await screen.findByRole("list", { name: "My analyses" });

    await user.click(compareBox(/Compare the analysis of .*Oct/));
    await user.click(compareBox(/Compare the analysis of .*Nov/));
    expect(await screen.findByRole("heading", { name: "Side by side" })).toBeInTheDocument();
    expect(screen.getByTestId("where")).toHaveTextContent("?first=a1&second=a2");

    await user.click(screen.getByRole("button", { name: "Clear the comparison" }));

    expect(screen.queryByRole("heading", { name: "Side by side" })).not.toBeInTheDocument();
    expect(compareBox(/Compare the analysis of .*Oct/)).not.toBeChecked();
    expect(compareBox(/Compare the analysis of .*Nov/)).not.toBeChecked();
    expect(screen.getByText(/Tick “Compare” on two finished analyses/)).toBeInTheDocument();
    expect(screen.getByTestId("where")).toBeEmptyDOMElement();
  });

  it("a shared link with two analyses opens the comparison, and clearing it works too", async () => {
    stubApi();
    const user = userEvent.setup();
    renderPage("/history?first=a1&second=a2");

    expect(await screen.findByRole("heading", { name: "Side by side" })).toBeInTheDocument();
    expect(compareBox(/Compare the analysis of .*Oct/)).toBeChecked();
    expect(compareBox(/Compare the analysis of .*Nov/)).toBeChecked();

    await user.click(screen.getByRole("button", { name: "Clear the comparison" }));

    expect(screen.queryByRole("heading", { name: "Side by side" })).not.toBeInTheDocument();
    expect(compareBox(/Compare the analysis of .*Oct/)).not.toBeChecked();
    expect(compareBox(/Compare the analysis of .*Nov/)).not.toBeChecked();
    expect(screen.getByTestId("where")).toBeEmptyDOMElement();
  });

  it("the message after a delete is focused each time, where the person is looking", async () => {
    stubApi();
    const user = userEvent.setup();
    renderPage("/history");
    await screen.findByRole("list", { name: "My analyses" });

    await user.click(screen.getByRole("button", { name: /Delete the analysis of .*Nov/ }));
    await user.click(await screen.findByRole("button", { name: "Yes, delete it" }));

    const message = await screen.findByRole("status");
    expect(message).toHaveTextContent("The analysis and its photo are deleted.");
    expect(message).toHaveFocus();

    // A second delete while the first message is still shown: focused again.
    await user.click(document.body);
    expect(message).not.toHaveFocus();
    await user.click(screen.getByRole("button", { name: /Delete the analysis of .*Oct/ }));
    await user.click(await screen.findByRole("button", { name: "Yes, delete it" }));
    await screen.findByText(/No analyses yet/);
    expect(screen.getByRole("status")).toHaveFocus();
  });
});
