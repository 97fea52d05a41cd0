import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { TimeOff } from "../api";
import { TimeOffManager } from "./TimeOffManager";

const HOLIDAY: TimeOff = {
  id: "t1",
  kind: "time_off",
  starts_at: "2026-12-24T05:00:00Z",
  ends_at: "2026-12-27T05:00:00Z",
  offers: "both",
  note: "Holiday",
};

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("TimeOffManager", () => {
  it("says what was added and removed, and focuses the message", async () => {
    const added: TimeOff = { ...HOLIDAY, id: "t2", starts_at: "2027-01-04T05:00:00Z", ends_at: "2027-01-05T05:00:00Z", note: "" };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === "DELETE" ? new Response(null, { status: 204 }) : json(added, 201),
      ),
    );
    const user = userEvent.setup();
    render(<TimeOffManager initial={[HOLIDAY]} zone="America/New_York" />);

    await user.type(screen.getByLabelText("First day"), "2027-01-04");
    await user.click(screen.getByRole("button", { name: "Add time off" }));

    const message = await screen.findByRole("status");
    expect(message).toHaveTextContent(/^Time off added: .*4 Jan.*No one can book you then\.$/);
    expect(message).toHaveFocus();

    await user.click(screen.getAllByRole("button", { name: "Remove" })[0]);

    expect(await screen.findByText(/^Time off removed: .*24 Dec.*bookable again\.$/)).toHaveFocus();
    expect(screen.queryByText("Holiday", { exact: false })).not.toBeInTheDocument();
  });

  it("a failed removal says why, focused, and keeps the entry", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json({ error: { code: "not_found", message: "No such time off.", fields: {} } }, 404)),
    );
    const user = userEvent.setup();
    render(<TimeOffManager initial={[HOLIDAY]} zone="America/New_York" />);

    await user.click(screen.getByRole("button", { name: "Remove" }));

    expect(await screen.findByText("No such time off.")).toHaveFocus();
    expect(screen.getByText(/Holiday/)).toBeInTheDocument();
  });
});
