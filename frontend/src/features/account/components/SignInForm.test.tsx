import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it, vi } from "vitest";

import { renderWithQuery } from "../../../test/query";
import { SignInForm } from "./SignInForm";

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function renderForm(onSignedIn = vi.fn()) {
  renderWithQuery(
    <MemoryRouter>
      <SignInForm onSignedIn={onSignedIn} />
    </MemoryRouter>,
  );
  return onSignedIn;
}

describe("SignInForm", () => {
  it("signs in and hands the user to the page", async () => {
    const user = { id: "1", email: "a@example.com", role: "patient" };
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(respond(200, user)));
    const onSignedIn = renderForm();

    await userEvent.type(screen.getByLabelText("Email"), "a@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
  });

  it("shows the server's message and offers a new link when the email is unconfirmed", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        respond(403, {
          error: { code: "email_not_verified", message: "Please confirm your email first.", fields: {} },
        }),
      )
      .mockResolvedValueOnce(respond(202, { detail: "sent" }));
    vi.stubGlobal("fetch", fetchMock);
    const onSignedIn = renderForm();

    await userEvent.type(screen.getByLabelText("Email"), "a@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "whatever12");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Please confirm your email first.");
    expect(onSignedIn).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: /new confirmation link/ }));
    expect(await screen.findByText(/A new link is on its way/)).toBeInTheDocument();
    expect(fetchMock.mock.calls[1][0]).toBe("/api/v1/auth/verify-email/resend/");
  });

  it("marks the field the server complained about", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(
        respond(400, {
          error: { code: "invalid", message: "Check the email.", fields: { email: ["Enter a valid email address."] } },
        }),
      ),
    );
    renderForm();

    await userEvent.type(screen.getByLabelText("Email"), "not-an-email");
    await userEvent.type(screen.getByLabelText("Password"), "x");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("Enter a valid email address.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveClass("is-invalid");
  });
});

describe("SignInForm two-factor step", () => {
  it("asks a doctor for the code after the password, then signs in", async () => {
    const doctor = { id: "2", email: "doc@example.com", role: "dermatologist" };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(respond(200, { otp_required: true, enrolment_required: false }))
      .mockResolvedValueOnce(respond(200, doctor));
    vi.stubGlobal("fetch", fetchMock);
    const onSignedIn = renderForm();

    await userEvent.type(screen.getByLabelText("Email"), "doc@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onSignedIn).not.toHaveBeenCalled();
    await userEvent.type(await screen.findByLabelText("6-digit code"), "123456");
    await userEvent.click(screen.getByRole("button", { name: "Verify and sign in" }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(doctor));
    expect(fetchMock.mock.calls[1][0]).toBe("/api/v1/auth/login/otp/");
    expect(JSON.parse(fetchMock.mock.calls[1][1].body)).toEqual({ token: "123456" });
  });

  it("tells a doctor without an authenticator to use the emailed link, and shows no key", async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(respond(200, { otp_required: true, enrolment_required: true }));
    vi.stubGlobal("fetch", fetchMock);
    renderForm();

    await userEvent.type(screen.getByLabelText("Email"), "new@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText(/We have emailed you a link to set it up/)).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("6-digit code")).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
