import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { SlotPicker } from "./SlotPicker";
import { renderWithQuery } from "../../../test/query";

function respond(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

describe("SlotPicker", () => {
  it("groups a New York doctor's slots by the patient's own day in Tokyo", async () => {
    const slots = [
      { start: "2026-06-02T09:00:00-04:00", end: "2026-06-02T09:30:00-04:00", consultation_type: "in_person" },
      { start: "2026-06-02T11:30:00-04:00", end: "2026-06-02T12:00:00-04:00", consultation_type: "in_person" },
    ];
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(respond(slots)));
    const onPick = vi.fn();

    renderWithQuery(
      <SlotPicker doctorId="d1" doctorZone="America/New_York" zone="Asia/Tokyo" types={["in_person"]} onPick={onPick} />,
    );

    // 09:00 in New York is 22:00 on the 2nd in Tokyo; 11:30 is 00:30 on the 3rd.
    expect(await screen.findByRole("heading", { name: "Tuesday 2 June" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Wednesday 3 June" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Book Wednesday 3 June at 00:30" }));
    expect(onPick).toHaveBeenCalledWith(slots[1]);
  });

  it("stops paging later at the doctor's booking horizon", async () => {
    vi.stubGlobal("fetch", vi.fn().mockImplementation(() => Promise.resolve(respond([]))));

    renderWithQuery(
      <SlotPicker doctorId="d1" doctorZone="Europe/London" zone="Europe/London" types={["video"]} onPick={vi.fn()} horizonDays={14} />,
    );
    const later = screen.getByRole("button", { name: "Later →" });

    await userEvent.click(later); // days 7-13: the week after still starts inside the horizon
    expect(later).toBeEnabled();
    await userEvent.click(later); // days 14-20: nothing after it can be booked
    expect(later).toBeDisabled();
    expect(screen.getByText("This doctor takes bookings up to 14 days ahead.")).toBeInTheDocument();
    expect(await screen.findByText("No free video slots this week.")).toBeInTheDocument();
  });
});

describe("SlotPicker inside the change cut-off", () => {
  it("marks slots that could not be changed online once booked as final, and says why", async () => {
    const soon = new Date(Date.now() + 2 * 3600 * 1000);
    soon.setUTCMinutes(0, 0, 0);
    const later = new Date(soon.getTime() + 3 * 24 * 3600 * 1000);
    const slots = [
      { start: soon.toISOString(), end: soon.toISOString(), consultation_type: "in_person" },
      { start: later.toISOString(), end: later.toISOString(), consultation_type: "in_person" },
    ];
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(respond(slots)));

    renderWithQuery(
      <SlotPicker doctorId="d1" doctorZone="UTC" zone="UTC" types={["in_person"]} onPick={vi.fn()} cutoffHours={24} />,
    );

    const buttons = await screen.findAllByRole("button", { name: /^Book / });
    expect(buttons.map((b) => b.textContent?.trim().replace(/^.* at /, ""))).toEqual([
      `${soon.toISOString().slice(11, 16)} · final`,
      later.toISOString().slice(11, 16),
    ]);
    expect(buttons[0]).toHaveAccessibleDescription(/^final: starts within 24 hours/);
  });
});
