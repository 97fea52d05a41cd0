// The write side of the data layer (docs/architecture.md, "Front-end data layer"): each
// mutation hook sets or invalidates exactly the reads its write changes, and a failure always
// reaches the form as an ApiError carrying the server's field messages.
import { QueryClientProvider } from "@tanstack/react-query";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { accountKeys, useReplaceBackupCodes, useSaveSkinProfile, useStartDataExport, useUpdateProfile } from "../features/account/api";
import { appointmentKeys, useBookAppointment } from "../features/booking/api";
import { portalKeys, useAddTimeOff, useDoctorCancel, useTimeOff } from "../features/portal/api";
import { ApiError } from "./api";
import { newQueryClient, writer } from "./query";

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function answer(body: unknown, status = 200) {
  const fetch = vi.fn(async () => json(body, status));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** A client holding a copy of each key, none of them observed (so nothing refetches). */
function clientWith(keys: QueryKey[]) {
  const client = newQueryClient();
  for (const key of keys) client.setQueryData(key, { seeded: true });
  return client;
}

function renderMutation<T>(useHook: () => T, client: QueryClient) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return renderHook(useHook, { wrapper });
}

const invalidated = (client: QueryClient, key: QueryKey) => client.getQueryState(key)?.isInvalidated;

describe("mutation hooks", () => {
  it("booking puts the appointment in its page's read and invalidates the lists and the free slots", async () => {
    answer({ id: "a1", status: "booked" }, 201);
    const slots = ["doctors", "slots", "d1", "2026-06-01", "2026-06-08", ""];
    const unrelated = ["products", "search", ""];
    const client = clientWith([appointmentKeys.list("upcoming"), appointmentKeys.list("past"), slots, unrelated]);
    const { result } = renderMutation(useBookAppointment, client);

    await act(() =>
      result.current.mutateAsync({
        booking: { doctor: "d1", start: "2026-06-02T14:30:00Z", consultation_type: "video", reason: "A mole", shared_analyses: [] },
        idempotencyKey: "k1",
      }),
    );

    expect(client.getQueryData(appointmentKeys.detail("a1"))).toEqual({ id: "a1", status: "booked" });
    expect(invalidated(client, appointmentKeys.list("upcoming"))).toBe(true);
    expect(invalidated(client, appointmentKeys.list("past"))).toBe(true);
    expect(invalidated(client, slots)).toBe(true);
    expect(invalidated(client, unrelated)).toBe(false);
  });

  it("a saved skin profile replaces its read and invalidates the routine built from it", async () => {
    const saved = { skin_type: "dry", allergies: ["linalool"] };
    answer(saved);
    const client = clientWith([accountKeys.skinProfile, accountKeys.routine, accountKeys.profile]);
    const { result } = renderMutation(useSaveSkinProfile, client);

    await act(() => result.current.mutateAsync({ skin_type: "dry", allergies: ["linalool"] }));

    expect(client.getQueryData(accountKeys.skinProfile)).toEqual(saved);
    expect(invalidated(client, accountKeys.routine)).toBe(true);
    expect(invalidated(client, accountKeys.profile)).toBe(false);
  });

  it("a saved profile replaces its read and asks again whether its number is verified", async () => {
    answer({ display_name: "Ana", phone_number: "+447911123456" });
    const phone = accountKeys.phoneStatus("+447911123456");
    const otherPhone = accountKeys.phoneStatus("+447700900000");
    const client = clientWith([accountKeys.profile, phone, otherPhone]);
    const { result } = renderMutation(useUpdateProfile, client);

    await act(() => result.current.mutateAsync({ display_name: "Ana" }));

    expect(client.getQueryData(accountKeys.profile)).toEqual({ display_name: "Ana", phone_number: "+447911123456" });
    expect(invalidated(client, phone)).toBe(true);
    expect(invalidated(client, otherPhone)).toBe(false);
  });

  it("new backup codes invalidate the count left; a started export becomes the export read", async () => {
    answer({ backup_codes: ["abcd2345"] });
    const client = clientWith([accountKeys.backupCodes]);
    const codes = renderMutation(useReplaceBackupCodes, client);
    await act(() => codes.result.current.mutateAsync());
    expect(invalidated(client, accountKeys.backupCodes)).toBe(true);

    answer({ id: "e1", status: "pending", progress: 0 }, 202);
    const exporting = renderMutation(useStartDataExport, client);
    await act(() => exporting.result.current.mutateAsync());
    expect(client.getQueryData(accountKeys.dataExport)).toEqual({ id: "e1", status: "pending", progress: 0 });
  });

  it("a doctor's cancel replaces the appointment in every list holding it, and keeps it there", async () => {
    const booked = { id: "p1", status: "booked" };
    const other = { id: "p2", status: "booked" };
    answer({ id: "p1", status: "cancelled" });
    const client = newQueryClient();
    client.setQueryData(portalKeys.appointmentList("upcoming"), { count: 2, results: [booked, other] });
    client.setQueryData(portalKeys.appointmentList("today"), { count: 1, results: [other] });
    const { result } = renderMutation(useDoctorCancel, client);

    await act(() => result.current.mutateAsync({ id: "p1", reason: "Ill" }));

    expect(client.getQueryData(portalKeys.appointmentList("upcoming"))).toEqual({
      count: 2,
      results: [{ id: "p1", status: "cancelled" }, other],
    });
    expect(client.getQueryData(portalKeys.appointmentList("today"))).toEqual({ count: 1, results: [other] });
    // Not asked again while shown: "upcoming" leaves cancelled visits out, and the card
    // saying "Cancelled" would vanish with its message.
    expect(invalidated(client, portalKeys.appointmentList("upcoming"))).toBe(false);
  });

  it("added time off settles only once the shown list has been read again, holding it", async () => {
    const added = { id: "t2", starts_at: "2027-01-04T05:00:00Z" };
    let server: unknown[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === "POST") {
          server = [added];
          return json(added, 201);
        }
        return json(server);
      }),
    );
    // As on the portal page: the list is shown while the form adds to it.
    const client = newQueryClient();
    const { result } = renderMutation(() => ({ list: useTimeOff(), add: useAddTimeOff() }), client);
    await waitFor(() => expect(result.current.list.data).toEqual([]));

    await act(() => result.current.add.mutateAsync({ start_date: "2027-01-04", end_date: "2027-01-04", note: "" }));

    // Settled means the new list is already in hand: the message and the entry show together.
    expect(client.getQueryData(portalKeys.timeOff)).toEqual([added]);
  });
});

describe("a failed write", () => {
  it("reaches the form as an ApiError with the server's field messages", async () => {
    answer(
      {
        error: {
          code: "validation_error",
          message: "Please check the highlighted fields.",
          fields: { time_zone: ["Unknown time zone."] },
        },
      },
      400,
    );
    const client = newQueryClient();
    const { result } = renderMutation(useUpdateProfile, client);

    act(() => result.current.mutate({ time_zone: "Mars/Olympus" }));

    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect(result.current.error?.status).toBe(400);
    expect(result.current.error?.message).toBe("Please check the highlighted fields.");
    expect(result.current.error?.fieldError("time_zone")).toBe("Unknown time zone.");
    expect(client.getQueryData(accountKeys.profile)).toBeUndefined();
  });

  it("is an ApiError even when something other than the API threw", async () => {
    const write = writer(async () => {
      throw new TypeError("boom");
    });

    const caught = await write().catch((error: unknown) => error);

    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).message).toBe("Something went wrong.");
  });

  it("clears the last error when the form is sent again", async () => {
    answer({ error: { code: "wrong", message: "No.", fields: {} } }, 400);
    const { result } = renderMutation(useUpdateProfile, newQueryClient());
    act(() => result.current.mutate({ display_name: "A" }));
    await waitFor(() => expect(result.current.error?.message).toBe("No."));

    let release = (_response: Response) => {};
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => (release = resolve))));
    act(() => result.current.mutate({ display_name: "A" }));

    // While it is sent again the old message is gone (FormAlert shows nothing).
    await waitFor(() => expect(result.current.isPending).toBe(true));
    expect(result.current.error).toBeNull();
    release(json({ display_name: "A", phone_number: "" }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });
});
