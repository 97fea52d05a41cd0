import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { DataExportPanel } from "./DataExportPanel";
import { renderWithQuery } from "../../../test/query";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const EXPORT = {
  id: "e1",
  size_bytes: 0,
  created_at: "2026-06-01T12:00:00Z",
  expires_at: null,
  downloaded_at: null,
  error_message: "",
  download_url: null,
};

describe("DataExportPanel", () => {
  it("shows the export's progress while the worker builds it, then the download link", async () => {
    // The server's answers, in order: no export yet; started; 40 % built; ready.
    const states = [
      { ...EXPORT, status: "running", progress: 40 },
      {
        ...EXPORT,
        status: "ready",
        progress: 100,
        size_bytes: 3 * 1024 * 1024,
        expires_at: "2026-06-03T12:00:00Z",
        download_url: "/api/v1/me/export/download/t0k3n/",
      },
    ];
    const fetchMock = vi.fn((url: string, init?: RequestInit) => {
      if (url !== "/api/v1/me/export/") return Promise.resolve(respond(404, {}));
      if (init?.method === "POST") return Promise.resolve(respond(202, { ...EXPORT, status: "pending", progress: 0 }));
      if (fetchMock.mock.calls.length === 1)
        return Promise.resolve(respond(404, { error: { code: "not_found", message: "No export yet.", fields: {} } }));
      return Promise.resolve(respond(200, states.length > 1 ? states.shift() : states[0]));
    });
    vi.stubGlobal("fetch", fetchMock);
    renderWithQuery(<DataExportPanel />);

    await userEvent.click(await screen.findByRole("button", { name: "Prepare my data for download" }));

    expect(await screen.findByText("Preparing your data… 40%", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
    expect(screen.queryByRole("button", { name: /Prepare/ })).not.toBeInTheDocument();
    const link = await screen.findByRole("link", { name: "Download my data (3 MB)" }, { timeout: 3000 });
    expect(link).toHaveAttribute("href", "/api/v1/me/export/download/t0k3n/");
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByText(/The link works once, until/)).toBeInTheDocument();
  });
});
