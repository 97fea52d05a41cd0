import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { BookingConfirmForm } from "./BookingConfirmForm";
import { renderWithQuery } from "../../../test/query";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const MY_ANALYSES = {
  results: [{ id: "an1", status: "done", created_at: "2026-05-01T10:00:00Z", thumbnail_url: null }],
};

/** Answers the analyses list, and `booking` for the booking itself. */
function server(booking: Response) {
  return vi.fn((url: string, _init?: RequestInit) =>
    Promise.resolve(url.startsWith("/api/v1/analyses/") ? respond(200, MY_ANALYSES) : booking),
  );
}

function renderForm(onBooked = vi.fn(), onPickAnother = vi.fn()) {
  renderWithQuery(
    <BookingConfirmForm
      doctorId="d1"
      doctorName="Dr Maya Chen"
      shareDays={30}
      cutoffHours={24}
      start="2026-06-02T09:30:00-04:00"
      consultationType="in_person"
      zone="Europe/London"
      onBooked={onBooked}
      onPickAnother={onPickAnother}
    />,
  );
  return { onBooked, onPickAnother };
}

describe("BookingConfirmForm", () => {
  it("shows the time in the patient's zone and books with an idempotency key", async () => {
    const fetchMock = server(respond(201, { id: "a1" }));
    vi.stubGlobal("fetch", fetchMock);
    const { onBooked } = renderForm();

    expect(screen.getByText(/Tuesday 2 June, 14:30/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Reason for your visit"), "A changing mole");
    await userEvent.click(await screen.findByLabelText(/Analysis of 1 May 2026/));
    // The consent says how long the doctor keeps seeing what is shared.
    expect(screen.getByText(/until 30 days after the visit, or until it is cancelled/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Confirm 14:30 booking/ }));

    await waitFor(() => expect(onBooked).toHaveBeenCalledWith({ id: "a1" }));
    const [url, maybeInit] = fetchMock.mock.calls.find(([u]) => u === "/api/v1/appointments/")!;
    const init = maybeInit as RequestInit & { headers: Record<string, string>; body: string };
    expect(url).toBe("/api/v1/appointments/");
    expect(init.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(init.body)).toEqual({
      doctor: "d1",
      start: "2026-06-02T09:30:00-04:00",
      consultation_type: "in_person",
      reason: "A changing mole",
      shared_analyses: ["an1"],
    });
  });

  it("offers the next free slots when someone else took this one", async () => {
    vi.stubGlobal(
      "fetch",
      server(
        respond(409, {
          error: {
            code: "slot_taken",
            message: "Someone has just booked that time.",
            fields: {},
            next_slots: [{ start: "2026-06-02T10:00:00-04:00", end: "2026-06-02T10:30:00-04:00", consultation_type: "in_person" }],
          },
        }),
      ),
    );
    const { onBooked, onPickAnother } = renderForm();

    await userEvent.type(screen.getByLabelText("Reason for your visit"), "Acne");
    await userEvent.click(screen.getByRole("button", { name: /Confirm/ }));
    await userEvent.click(await screen.findByRole("button", { name: /Tuesday 2 June, 15:00/ }));

    expect(screen.getByRole("alert")).toHaveTextContent("Someone has just booked that time.");
    expect(onBooked).not.toHaveBeenCalled();
    expect(onPickAnother).toHaveBeenCalledWith("2026-06-02T10:00:00-04:00");
  });
});

describe("BookingConfirmForm from a result's Book a dermatologist", () => {
  it("arrives with the reason and the analysis ticked, and books what the patient changed", async () => {
    const fetchMock = server(respond(201, { id: "a3" }));
    vi.stubGlobal("fetch", fetchMock);
    const onBooked = vi.fn();
    renderWithQuery(
      <BookingConfirmForm
        doctorId="d1"
        doctorName="Dr Maya Chen"
        shareDays={30}
        cutoffHours={24}
        start="2026-06-02T09:30:00-04:00"
        consultationType="in_person"
        zone="Europe/London"
        onBooked={onBooked}
        onPickAnother={vi.fn()}
        initialReason="A spot worth a dermatologist's look."
        initialShared={["an1"]}
      />,
    );

    const reason = screen.getByLabelText("Reason for your visit");
    expect(reason).toHaveValue("A spot worth a dermatologist's look.");
    const share = await screen.findByLabelText(/Analysis of 1 May 2026/);
    expect(share).toBeChecked();
    // The patient keeps this analysis to themselves and says it in their own words.
    await userEvent.click(share);
    expect(share).not.toBeChecked();
    await userEvent.clear(reason);
    await userEvent.type(reason, "A mole on my back.");
    await userEvent.click(screen.getByRole("button", { name: /Confirm 14:30 booking/ }));

    await waitFor(() => expect(onBooked).toHaveBeenCalledWith({ id: "a3" }));
    const [, init] = fetchMock.mock.calls.find(([u]) => u === "/api/v1/appointments/")!;
    expect(JSON.parse((init as RequestInit & { body: string }).body)).toEqual({
      doctor: "d1",
      start: "2026-06-02T09:30:00-04:00",
      consultation_type: "in_person",
      reason: "A mole on my back.",
      shared_analyses: [],
    });
  });
});

describe("BookingConfirmForm inside the change cut-off", () => {
  it("warns and books only once the patient says they understand", async () => {
    const fetchMock = server(respond(201, { id: "a2" }));
    vi.stubGlobal("fetch", fetchMock);
    const soon = new Date(Date.now() + 3 * 3600 * 1000).toISOString();
    const onBooked = vi.fn();
    renderWithQuery(
      <BookingConfirmForm
        doctorId="d1"
        doctorName="Dr Maya Chen"
        shareDays={30}
        cutoffHours={24}
        start={soon}
        consultationType="video"
        zone="Europe/London"
        onBooked={onBooked}
        onPickAnother={vi.fn()}
      />,
    );

    expect(screen.getByText("This visit starts in less than 24 hours.")).toBeInTheDocument();
    const confirm = screen.getByRole("button", { name: /^Confirm .* booking$/ });
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Reason for your visit"), "A rash");
    await userEvent.click(screen.getByLabelText("I understand: I can't change this booking online"));
    await userEvent.click(confirm);

    await waitFor(() => expect(onBooked).toHaveBeenCalledWith({ id: "a2" }));
  });
});
