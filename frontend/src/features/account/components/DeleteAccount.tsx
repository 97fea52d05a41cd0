import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import { useSubmit } from "../../../lib/useSubmit";
import { deleteAccount } from "../api";

/** Deletes the account after a grace period; signing in again before then keeps it. */
export function DeleteAccount({ graceDays }: { graceDays: number }) {
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState("");
  const { submit, pending, error } = useSubmit(deleteAccount);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const done = await submit(password);
    // The session is gone: reload to forget everything this page held.
    if (done) {
      window.location.assign(`/signin?deleted=${encodeURIComponent(done.deletion_scheduled_for)}`);
    }
  }

  return (
    <>
      <p className="mb-2">
        Delete your account, your photos, analyses and appointments. You are signed out on every
        device at once; {graceDays} days later everything is deleted for good. Changed your mind?
        Sign in again before then and your account stays. Upcoming appointments are cancelled and
        the doctors told. You may want to download your data first.
      </p>
      {confirming ? (
        <Form onSubmit={handleSubmit} noValidate aria-label="Delete my account">
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
          <div className="d-flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : "Yes, delete my account"}
            </Button>
            <Button variant="link" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </Form>
      ) : (
        <Button variant="outline-danger" onClick={() => setConfirming(true)}>
          Delete my account
        </Button>
      )}
    </>
  );
}
