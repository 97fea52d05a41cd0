import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import type { CurrentUser } from "../../../lib/auth";
import { useVerifyOtp } from "../api";

interface Props {
  enrolmentRequired: boolean;
  onSignedIn: (user: CurrentUser) => void;
  onRestart: () => void;
}

/** The second sign-in step for doctors and staff: a code from an authenticator app (or a
 * backup code). Without an app yet, the set-up link was emailed to the account: the
 * password alone never shows a key to enrol. */
export function OtpStep({ enrolmentRequired, onSignedIn, onRestart }: Props) {
  const [token, setToken] = useState("");
  // Authenticator codes are digits (the phone's number pad); backup codes have letters too.
  const [backup, setBackup] = useState(false);
  const verify = useVerifyOtp();
  const { isPending: pending, error } = verify;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    verify.mutate(token, { onSuccess: (user) => onSignedIn(user) });
  }

  const expired = error?.code === "otp_session_expired" || error?.code === "locked_out";

  if (enrolmentRequired) {
    return (
      <div role="region" aria-label="Two-factor set-up">
        <h2 className="h5">Set up two-factor sign-in</h2>
        <p>
          Doctors and staff protect patients' records with a second step: a code from an
          authenticator app (Google Authenticator, 1Password, Authy…).
        </p>
        <Alert variant="info">
          We have emailed you a link to set it up. Open it, add MetSkin to your app, then sign in
          again with your password and the code your app shows. The link works once.
        </Alert>
        <Button variant="link" className="px-0" onClick={onRestart}>
          Back to sign in
        </Button>
      </div>
    );
  }

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Two-factor sign-in">
      <h2 className="h5">Two-factor sign-in</h2>
      <p>Enter the 6-digit code from your authenticator app.</p>
      <FormAlert error={error} />
      <TextField
        key={backup ? "backup" : "app"}
        name="token"
        label={backup ? "Backup code" : "6-digit code"}
        autoComplete="one-time-code"
        inputMode={backup ? "text" : "numeric"}
        value={token}
        onChange={setToken}
        error={error}
        help={backup ? "One of your 8-character backup codes; each works once." : undefined}
        required
      />
      <Button variant="link" className="px-0 mb-3" onClick={() => setBackup(!backup)}>
        {backup ? "Use the code from my app" : "Lost your phone? Use a backup code"}
      </Button>
      <div className="d-flex flex-wrap gap-3 align-items-center">
        <Button type="submit" disabled={pending || token.trim().length < 6}>
          {pending ? "Checking…" : "Verify and sign in"}
        </Button>
        <Button variant="link" onClick={onRestart}>
          {expired ? "Sign in again" : "Use another account"}
        </Button>
      </div>
      {expired && (
        <Alert variant="info" className="mt-3">
          For your safety, start again with your email and password.
        </Alert>
      )}
    </Form>
  );
}
