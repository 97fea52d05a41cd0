import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Container, Form, Spinner } from "react-bootstrap";
import { Link, useSearchParams } from "react-router-dom";

import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";
import { useConfirmTwoFactorEnrolment, useOpenTwoFactorEnrolment } from "../features/account/api";
import { BackupCodeList } from "../features/account/components/BackupCodeList";
import { usePageTitle } from "../lib/usePageTitle";

/** The page the emailed set-up link opens: scan the key, confirm with the app's first code,
 * keep the backup codes. It does not sign in: the password and a code do that next. */
export function TwoFactorSetupPage() {
  usePageTitle("Set up two-factor sign-in");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [code, setCode] = useState("");
  // Opening the link is a write (the server records it): a mutation, sent once.
  const open = useOpenTwoFactorEnrolment();
  const enrolment = open.data ?? null;
  const openError = open.error;
  const confirm = useConfirmTwoFactorEnrolment();
  const { isPending: pending, error } = confirm;
  // The backup codes are shown once, from the answer; they are never cached as a read.
  const backupCodes = confirm.data?.backup_codes ?? null;
  const started = useRef(false);
  const { mutate: openEnrolment } = open;

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice
    started.current = true;
    openEnrolment(token);
  }, [token, openEnrolment]);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate({ token, code });
  }

  return (
    <Container className="py-5" style={{ maxWidth: 560 }}>
      <h1 className="h2 mb-4">Set up two-factor sign-in</h1>
      {openError && (
        <Alert variant={openError.code === "token_used" ? "info" : "danger"}>
          <p>{openError.message}</p>
          <Link to="/signin">Sign in</Link>
        </Alert>
      )}
      {!openError && !enrolment && (
        <p>
          <Spinner animation="border" size="sm" role="status" /> Preparing your key…
        </p>
      )}
      {enrolment && backupCodes && (
        <>
          <Alert variant="success" role="status">
            Two-factor sign-in is set up for {enrolment.email}.
          </Alert>
          <BackupCodeList codes={backupCodes} />
          <Link className="btn btn-primary" to="/signin">
            I have saved them: sign in
          </Link>
        </>
      )}
      {enrolment && !backupCodes && (
        <Form onSubmit={handleSubmit} noValidate aria-label="Confirm your authenticator app">
          <p>
            For <strong>{enrolment.email}</strong>: scan this code with an authenticator app
            (Google Authenticator, 1Password, Authy…), then enter the 6-digit code it shows.
          </p>
          <div className="text-center mb-3">
            <img
              src={enrolment.qr_svg_data_uri}
              alt="QR code to add MetSkin to your authenticator app"
              width={200}
              height={200}
            />
            <p className="small mt-2 mb-0">
              Or type this key: <code className="user-select-all">{enrolment.secret}</code>
            </p>
          </div>
          <FormAlert error={error} />
          <TextField
            name="code"
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={setCode}
            error={error}
            required
          />
          <Button type="submit" disabled={pending || code.trim().length < 6}>
            {pending ? "Checking…" : "Confirm"}
          </Button>
        </Form>
      )}
    </Container>
  );
}
