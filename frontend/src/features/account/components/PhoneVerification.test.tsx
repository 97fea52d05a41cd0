import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { PhoneVerification } from "./PhoneVerification";
import { renderWithQuery } from "../../../test/query";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const NUMBER = "+447911123456";

describe("PhoneVerification", () => {
  it("texts a code, then verifies the number with it", async () => {
    const fetchMock = vi.fn((url: string, _init?: RequestInit) => {
      if (url === "/api/v1/profile/phone/code/")
        return Promise.resolve(
          respond(202, { phone_number: NUMBER, verified: false, code_expires_at: "2026-06-01T09:10:00Z" }),
        );
      if (url === "/api/v1/profile/phone/confirm/")
        return Promise.resolve(respond(200, { phone_number: NUMBER, verified: true, code_expires_at: null }));
      return Promise.resolve(respond(200, { phone_number: NUMBER, verified: false, code_expires_at: null }));
    });
    vi.stubGlobal("fetch", fetchMock);
    renderWithQuery(<PhoneVerification savedNumber={NUMBER} />);

    expect(await screen.findByText(/is not verified yet, so no SMS reminders go to it/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Text me a code" }));
    await userEvent.type(await screen.findByLabelText("Code from the text"), "123456");
    await userEvent.click(screen.getByRole("button", { name: "Verify" }));

    expect(await screen.findByText(/is verified: SMS reminders can go to it/)).toBeInTheDocument();
    const confirm = fetchMock.mock.calls.find(([u]) => u === "/api/v1/profile/phone/confirm/")!;
    expect(JSON.parse((confirm[1] as RequestInit).body as string)).toEqual({ code: "123456" });
  });

  it("shows nothing without a number", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(respond(200, { phone_number: "", verified: false, code_expires_at: null })),
    );
    const { container } = renderWithQuery(<PhoneVerification savedNumber="" />);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container).toBeEmptyDOMElement();
  });
});
