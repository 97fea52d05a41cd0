import { describe, expect, it, vi } from "vitest";

import { ApiError, apiFetch } from "./api";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

describe("apiFetch", () => {
  it("sends JSON with the CSRF token on unsafe methods", async () => {
    document.cookie = "csrftoken=abc123";
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, { ok: true }));
    vi.stubGlobal("fetch", fetchMock);

    const result = await apiFetch<{ ok: boolean }>("auth/login/", { body: { email: "a@b.c" } });

    expect(result).toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe("/api/v1/auth/login/");
    expect(init.method).toBe("POST");
    expect(init.headers["X-CSRFToken"]).toBe("abc123");
    expect(init.headers["Content-Type"]).toBe("application/json");
    expect(init.body).toBe('{"email":"a@b.c"}');
  });

  it("does not send the CSRF token on GET", async () => {
    document.cookie = "csrftoken=abc123";
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, {}));
    vi.stubGlobal("fetch", fetchMock);

    await apiFetch("me/");

    expect(fetchMock.mock.calls[0][1].method).toBe("GET");
    expect(fetchMock.mock.calls[0][1].headers["X-CSRFToken"]).toBeUndefined();
  });

  it("turns the API's error body into an ApiError with field messages", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        jsonResponse(400, {
          error: { code: "email_taken", message: "Taken.", fields: { email: ["Taken."] } },
        }),
      ),
    );

    const error = (await apiFetch("auth/signup/", { body: {} }).catch((caught: unknown) => caught)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("email_taken");
    expect(error.fieldError("email")).toBe("Taken.");
    expect(error.fieldError("password")).toBeUndefined();
  });

  it("reports a network failure in words a person understands", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));

    const error = (await apiFetch("me/").catch((caught: unknown) => caught)) as ApiError;

    expect(error.code).toBe("network_error");
    expect(error.message).toMatch(/could not reach MetSkin/);
  });

  it("resolves 204 No Content with undefined", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(apiFetch("auth/logout/", { method: "POST" })).resolves.toBeUndefined();
  });
});
