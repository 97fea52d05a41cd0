import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import type { DoctorDetail } from "../features/doctors/api";
import { AuthProvider } from "../lib/auth";
import { DoctorPage } from "./DoctorPage";
import { renderWithQuery } from "../test/query";

const DOCTOR = {
  id: "d1",
  display_name: "Dr Maya Chen",
  title: "Dr",
  first_name: "Maya",
  last_name: "Chen",
  credentials: "MD, FAAD",
  board_certified: true,
  specialties: [{ code: "acne", name: "Acne" }],
  languages: [{ code: "en", name: "English" }],
  clinic_name: "Chen Dermatology",
  address_line: "1 Main St",
  city: "New York",
  region: "NY",
  postcode: "10001",
  country: "US",
  clinic_phone: "+1 212 555 0100",
  latitude: null,
  longitude: null,
  time_zone: "America/New_York",
  offers_in_person: true,
  offers_video: false,
  fee_amount: null,
  fee_currency: "USD",
  accepting_new_patients: true,
  rating: null,
  rating_count: 0,
  change_cutoff_hours: 24,
  licence_number: "",
  npi: null,
  board_certification: "",
  bio: "",
  slot_minutes_in_person: 30,
  slot_minutes_video: 20,
  min_notice_hours: 12,
  booking_horizon_days: 90,
  share_days_after_visit: 30,
} as unknown as DoctorDetail;

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The doctor, no free slots, a signed-in patient (or nobody), and `waitlist` for joining. */
function server({ signedIn = true, waitlist = respond(201, { id: "w1" }) } = {}) {
  const fetch = vi.fn(async (url: string, _init?: RequestInit) => {
    if (url === "/api/v1/me/") {
      return signedIn
        ? respond(200, { id: "u1", email: "pat@metskin.example", role: "patient" })
        : respond(401, { error: { code: "not_authenticated", message: "", fields: {} } });
    }
    if (url === "/api/v1/doctors/d1/waitlist/") return waitlist;
    if (url.startsWith("/api/v1/doctors/d1/slots/")) return respond(200, []);
    if (url === "/api/v1/doctors/d1/") return respond(200, DOCTOR);
    throw new Error(`unexpected request: ${url}`);
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

function renderPage() {
  renderWithQuery(
    <MemoryRouter initialEntries={["/doctors/d1"]}>
      <AuthProvider>
        <Routes>
          <Route path="/doctors/:id" element={<DoctorPage />} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe("DoctorPage waitlist", () => {
  it("joins with the reason given, then says so in place of the form", async () => {
    const fetch = server();
    renderPage();

    await userEvent.type(await screen.findByLabelText(/Join the waitlist: reason/), "A mole that changed");
    await userEvent.click(screen.getByRole("button", { name: "Join the waitlist" }));

    expect(await screen.findByRole("status")).toHaveTextContent(/You are on the waitlist/);
    expect(screen.queryByRole("button", { name: "Join the waitlist" })).not.toBeInTheDocument();
    const [, init] = fetch.mock.calls.find(([url]) => url === "/api/v1/doctors/d1/waitlist/")!;
    expect(init?.method).toBe("POST");
    expect(JSON.parse(init?.body as string)).toEqual({ reason: "A mole that changed", consultation_type: "" });
  });

  it("shows the server's reason when it refuses", async () => {
    server({
      waitlist: respond(409, {
        error: { code: "already_waiting", message: "You are already on this doctor's waitlist.", fields: {} },
      }),
    });
    renderPage();

    await userEvent.click(await screen.findByRole("button", { name: "Join the waitlist" }));

    expect(await screen.findByRole("status")).toHaveTextContent("You are already on this doctor's waitlist.");
  });

  it("is not offered to someone who is not signed in", async () => {
    const fetch = server({ signedIn: false });
    renderPage();

    expect(await screen.findByRole("heading", { name: "Dr Maya Chen" })).toBeInTheDocument();
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/api/v1/me/", expect.anything()));
    expect(screen.queryByText("Nothing that suits you?")).not.toBeInTheDocument();
  });
});
