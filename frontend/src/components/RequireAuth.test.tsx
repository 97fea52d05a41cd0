import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { AuthProvider } from "../lib/auth";
import { RequireAuth } from "./RequireAuth";

function Where() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

describe("RequireAuth", () => {
  it("sends a visitor to sign in and remembers where they were going", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        new Response(JSON.stringify({ error: { code: "not_authenticated", message: "", fields: {} } }), {
          status: 401,
        }),
      ),
    );
    render(
      <MemoryRouter initialEntries={["/dashboard"]}>
        <AuthProvider>
          <Routes>
            <Route path="/dashboard" element={<RequireAuth>secret</RequireAuth>} />
            <Route path="/signin" element={<Where />} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>,
    );
    expect(await screen.findByText("at /signin?next=%2Fdashboard")).toBeInTheDocument();
    expect(screen.queryByText("secret")).not.toBeInTheDocument();
  });
});
