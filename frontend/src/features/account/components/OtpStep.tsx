import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Form, Spinner } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import type { CurrentUser } from "../../../lib/auth";
import { useSubmit } from "../../../lib/useSubmit";
import { startOtpEnrolment, verifyOtp } from "../api";
import type { OtpEnrolment } from "../api";

interface Props {
  enrolmentRequired: boolean;
  onSignedIn: (user: CurrentUser) => void;
  onRestart: () => void;
}

/** The second sign-in step for doctors and staff: a code from an authenticator app. */
export function OtpStep({ enrolmentRequired, onSignedIn, onRestart }: Props) {
  const [token, setToken] = useState("");
  const [enrolment, setEnrolment] = useState<OtpEnrolment | null>(null);
  const { submit, pending, error } = useSubmit(verifyOtp);
  const enrol = useSubmit(startOtpEnrolment);
  const { submit: startEnrolment } = enrol;

  useEffect(() => {
    if (!enrolmentRequired) return;
    void startEnrolment().then((data) => data && setEnrolment(data));
  }, [enrolmentRequired, startEnrolment]);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const user = await submit(token);
    if (user) onSignedIn(user);
  }

  const expired = error?.code === "otp_session_expired" || error?.code === "locked_out";

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Two-factor sign-in">
      <h2 className="h5">Two-factor sign-in</h2>
      {enrolmentRequired ? (
        <>
          <p>
            Doctors and staff protect patients' records with a second step. Scan this code with an
            authenticator app (Google Authenticator, 1Password, Authy…), then enter the 6-digit
            code it shows.
          </p>
          <FormAlert error={enrol.error} />
          {enrolment ? (
            <div className="text-center mb-3">
              <img src={enrolment.qr_svg_data_uri} alt="QR code to add MetSkin to your authenticator app" width={200} height={200} />
              <p className="small mt-2 mb-0">
                Or type this key: <code className="user-select-all">{enrolment.secret}</code>
              </p>
            </div>
          ) : (
            !enrol.error && <Spinner size="sm" role="status" aria-label="Preparing your key" />
          )}
        </>
      ) : (
        <p>Enter the 6-digit code from your authenticator app.</p>
      )}
      <FormAlert error={error} />
      <TextField
        name="token"
        label="6-digit code"
        autoComplete="one-time-code"
        value={token}
        onChange={setToken}
        error={error}
        required
      />
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
