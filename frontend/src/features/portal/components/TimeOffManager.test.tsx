import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithQuery } from "../../../test/query";
import { useTimeOff } from "../api";
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

const ADDED: TimeOff = { ...HOLIDAY, id: "t2", starts_at: "2027-01-04T05:00:00Z", ends_at: "2027-01-05T05:00:00Z", note: "" };

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** As on the portal page: the list is the server's, read through useTimeOff. */
function Portal() {
  const { data } = useTimeOff();
  return data ? <TimeOffManager items={data} zone="America/New_York" /> : null;
}

/** A server holding a list of time off: POST adds ADDED, DELETE removes, GET lists. */
function stubServer(list: TimeOff[]) {
  let server = [...list];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === "DELETE") {
      server = server.filter((item) => !url.includes(`/${item.id}/`));
      return new Response(null, { status: 204 });
    }
    if (init?.method === "POST") {
      server = [...server, ADDED];
      return json(ADDED, 201);
    }
    return json(server);
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("TimeOffManager", () => {
  it("says what was added and removed, focuses the message, and shows the list the server now holds", async () => {
    const fetch = stubServer([HOLIDAY]);
    const user = userEvent.setup();
    renderWithQuery(<Portal />);

    await user.type(await screen.findByLabelText("First day"), "2027-01-04");
    await user.click(screen.getByRole("button", { name: "Add time off" }));

    const message = await screen.findByRole("status");
    expect(message).toHaveTextContent(/^Time off added: .*4 Jan.*No one can book you then\.$/);
    expect(message).toHaveFocus();
    // The list was asked again before the message showed: both entries are there.
    expect(screen.getAllByRole("button", { name: "Remove" })).toHaveLength(2);
    expect(fetch.mock.calls.filter(([, init]) => !init?.method || init.method === "GET")).toHaveLength(2);

    await user.click(screen.getAllByRole("button", { name: "Remove" })[0]);

    expect(await screen.findByText(/^Time off removed: .*24 Dec.*bookable again\.$/)).toHaveFocus();
    expect(screen.queryByText("Holiday", { exact: false })).not.toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Remove" })).toHaveLength(1);
  });

  it("a failed removal says why, focused, and keeps the entry", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === "DELETE"
          ? json({ error: { code: "not_found", message: "No such time off.", fields: {} } }, 404)
          : json([HOLIDAY]),
      ),
    );
    const user = userEvent.setup();
    renderWithQuery(<Portal />);

    await user.click(await screen.findByRole("button", { name: "Remove" }));

    expect(await screen.findByText("No such time off.")).toHaveFocus();
    expect(screen.getByText(/Holiday/)).toBeInTheDocument();
  });

  it("a 400 with field errors reaches the fields, and nothing is added", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === "POST"
          ? json(
              {
                error: {
                  code: "validation_error",
                  message: "Please check the highlighted fields.",
                  fields: { end_date: ["The last day cannot be before the first."] },
                },
              },
              400,
            )
          : json([HOLIDAY]),
      ),
    );
    const user = userEvent.setup();
    renderWithQuery(<Portal />);

    await user.type(await screen.findByLabelText("First day"), "2027-01-04");
    await user.type(screen.getByLabelText("Last day"), "2027-01-02");
    await user.click(screen.getByRole("button", { name: "Add time off" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Please check the highlighted fields.");
    expect(screen.getByLabelText("Last day")).toHaveClass("is-invalid");
    expect(screen.getByText("The last day cannot be before the first.")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Remove" })).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Add time off" })).toBeEnabled();
  });
});
