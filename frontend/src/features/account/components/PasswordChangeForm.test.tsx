import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithQuery } from "../../../test/query";
import { PasswordChangeForm } from "./PasswordChangeForm";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("PasswordChangeForm", () => {
  it("a 400 with field errors marks the field, says why, and keeps what was typed", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        respond(400, {
          error: {
            code: "validation_error",
            message: "Please check the highlighted fields.",
            fields: { new_password: ["This password is too common."] },
          },
        }),
      ),
    );
    renderWithQuery(<PasswordChangeForm />);

    await userEvent.type(screen.getByLabelText("Current password"), "old-secret-1");
    await userEvent.type(screen.getByLabelText("New password"), "password123");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Please check the highlighted fields.");
    expect(alert).toHaveFocus();
    expect(screen.getByLabelText("New password")).toHaveClass("is-invalid");
    expect(screen.getByText("This password is too common.")).toBeInTheDocument();
    expect(screen.getByLabelText("Current password")).not.toHaveClass("is-invalid");
    expect(screen.getByLabelText("New password")).toHaveValue("password123");
    expect(screen.getByRole("button", { name: "Change password" })).toBeEnabled();
  });

  it("says it is done, focused, and empties both fields", async () => {
    const fetchMock = vi.fn().mockResolvedValue(respond(200, { detail: "Password changed." }));
    vi.stubGlobal("fetch", fetchMock);
    renderWithQuery(<PasswordChangeForm />);

    await userEvent.type(screen.getByLabelText("Current password"), "old-secret-1");
    await userEvent.type(screen.getByLabelText("New password"), "a-much-longer-one-2");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Your password is changed.");
    expect(screen.getByRole("status")).toHaveFocus();
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(screen.getByLabelText("New password")).toHaveValue("");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/v1/auth/password-change/");
    expect(JSON.parse(init.body as string)).toEqual({ old_password: "old-secret-1", new_password: "a-much-longer-one-2" });
  });
});
