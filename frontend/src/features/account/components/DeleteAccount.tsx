import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import { useSwapFocus } from "../../../lib/useSwapFocus";
import { useDeleteAccount } from "../api";

type Props = {
  graceDays: number;
  /** Doctors and staff: what happens to their work, and a two-factor code to confirm. */
  role?: "dermatologist" | "staff";
};

const CONSEQUENCES = {
  patient:
    "Upcoming appointments are cancelled and the doctors told. You may want to download your data first.",
  dermatologist:
    "You leave the directory at once, so no one can book you. When the deletion runs, your upcoming appointments are cancelled and each patient is emailed, the people on your waitlist are told and taken off it, and analyses shared with you are no longer available.",
  staff:
    "Your staff access ends. The last staff member cannot close their account: make someone else staff first.",
};

/** Deletes the account after a grace period; signing in again before then keeps it. */
export function DeleteAccount({ graceDays, role }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const deletion = useDeleteAccount();
  const { isPending: pending, error } = deletion;
  const { triggerRef, panelRef } = useSwapFocus<HTMLButtonElement, HTMLFormElement>(confirming);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    deletion.mutate(role ? { password, code } : { password }, {
      // The session is gone: reload to forget everything this page held.
      onSuccess: (done) =>
        window.location.assign(`/signin?deleted=${encodeURIComponent(done.deletion_scheduled_for)}`),
    });
  }

  return (
    <>
      <p className="mb-2">
        {role
          ? "Close your MetSkin account."
          : "Delete your account, your photos, analyses and appointments."}{" "}
        You are signed out on every device at once; {graceDays} days later everything is deleted
        for good. Changed your mind? Sign in again before then and your account stays.{" "}
        {CONSEQUENCES[role ?? "patient"]}
      </p>
      {confirming ? (
        <Form
          ref={panelRef}
          onSubmit={handleSubmit}
          noValidate
          aria-label={role ? "Close my account" : "Delete my account"}
        >
          <FormAlert error={error} />
          <TextField
            name="password"
            label="Your password, to confirm"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={error}
            required
          />
          {role && (
            <TextField
              name="code"
              label="Code from your authenticator app (or a backup code)"
              autoComplete="one-time-code"
              value={code}
              onChange={setCode}
              error={error}
              required
            />
          )}
          <div className="d-flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : role ? "Yes, close my account" : "Yes, delete my account"}
            </Button>
            <Button variant="link" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </Form>
      ) : (
        <Button ref={triggerRef} variant="outline-danger" onClick={() => setConfirming(true)}>
          {role ? "Close my account" : "Delete my account"}
        </Button>
      )}
    </>
  );
}
