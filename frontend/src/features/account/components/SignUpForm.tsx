import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { TextField } from "../../../components/TextField";
import { useSignUp } from "../api";
import { ConsentChecks } from "./ConsentChecks";
import type { Consents } from "./ConsentChecks";

export function SignUpForm({ onSignedUp }: { onSignedUp: (email: string) => void }) {
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [consents, setConsents] = useState<Consents>({
    accept_terms: false,
    health_data_consent: false,
  });
  const signUp = useSignUp();
  const { isPending: pending, error } = signUp;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    signUp.mutate(
      { email, password, display_name: displayName, ...consents },
      { onSuccess: (user) => onSignedUp(user.email) },
    );
  }

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Sign up">
      <FormAlert error={error} />
      <TextField
        name="display_name"
        label="Your name (optional)"
        autoComplete="name"
        value={displayName}
        onChange={setDisplayName}
        error={error}
      />
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
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={error}
        help="At least 10 characters; not a common password."
        required
      />
      <ConsentChecks value={consents} onChange={setConsents} error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create my account"}
      </Button>
    </Form>
  );
}
