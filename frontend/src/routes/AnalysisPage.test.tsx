import { screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { analysis } from "../features/analysis/testData";
import { renderWithQuery } from "../test/query";
import { AnalysisPage } from "./AnalysisPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

// What the API serves for an analysis that failed: a damaged face model file is skinlab's
// configuration_error, told to the person as a problem on our side (the engine's advice goes to
// the operator's log) (issue 15, bad input).
const FAILED = analysis({
  status: "failed",
  stage: "failed",
  progress: 0,
  summary: null,
  result: null,
  overlay_url: null,
  lesion_urgency: null,
  error: {
    code: "configuration_error",
    message:
      "We could not finish this analysis because of a problem on our side. " +
      "Please upload the photo again in a few minutes.",
  },
});

function renderPage() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => (url.startsWith("/api/v1/analyses/a1/") ? json(FAILED) : json({}))),
  );
  renderWithQuery(
    <MemoryRouter initialEntries={["/analyses/a1"]}>
      <Routes>
        <Route path="/analyses/:id" element={<AnalysisPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe("AnalysisPage", () => {
  it("shows why a failed analysis failed, in the server's words, and offers another photo", async () => {
    renderPage();

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("We could not analyse this photo.");
    expect(alert).toHaveTextContent("a problem on our side. Please upload the photo again in a few minutes.");
    expect(screen.getByRole("link", { name: "Try another photo" })).toHaveAttribute("href", "/analyse");
    expect(screen.queryByRole("heading", { name: "Skin tone" })).toBeNull();
  });
});
