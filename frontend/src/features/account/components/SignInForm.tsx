import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";
import { Link } from "react-router-dom";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import type { CurrentUser } from "../../../lib/auth";
import { isOtpChallenge, useResendVerification, useSignIn } from "../api";
import type { OtpChallenge } from "../api";
import { OtpStep } from "./OtpStep";

export function SignInForm({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [resent, setResent] = useState(false);
  const [challenge, setChallenge] = useState<OtpChallenge | null>(null);
  const signIn = useSignIn();
  const resend = useResendVerification();
  const { isPending: pending, error } = signIn;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      { onSuccess: (result) => (isOtpChallenge(result) ? setChallenge(result) : onSignedIn(result)) },
    );
  }

  function handleResend() {
    resend.mutate(email, { onSuccess: () => setResent(true) });
  }

  if (challenge) {
    return (
      <OtpStep
        enrolmentRequired={challenge.enrolment_required}
        onSignedIn={onSignedIn}
        onRestart={() => {
          setChallenge(null);
          setPassword("");
        }}
      />
    );
  }

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Sign in">
      <FormAlert error={error} />
      {error?.code === "email_not_verified" && !resent && (
        <p>
          <Button variant="outline-primary" size="sm" onClick={handleResend}>
            Send me a new confirmation link
          </Button>
        </p>
      )}
      {resent && <p className="text-success">A new link is on its way. Check your inbox.</p>}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={error}
        required
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={error}
        required
      />
      <div className="d-flex flex-wrap gap-3 align-items-center">
        <Button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
        <Link to="/forgot-password">Forgot your password?</Link>
      </div>
    </Form>
  );
}
