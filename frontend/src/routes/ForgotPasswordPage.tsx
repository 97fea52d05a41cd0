import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Card, Container, Form } from "react-bootstrap";

import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";
import { useRequestPasswordReset } from "../features/account/api";
import { usePageTitle } from "../lib/usePageTitle";

export function ForgotPasswordPage() {
  usePageTitle("Reset your password");
  const [email, setEmail] = useState("");
  const request = useRequestPasswordReset();
  const { isPending: pending, error } = request;
  // The server's own words ("If an account exists, …"), shown instead of the form.
  const done = request.data?.detail ?? null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    request.mutate(email);
  }

  return (
    <Container className="py-5" style={{ maxWidth: 480 }}>
      <h1 className="h2 mb-4">Reset your password</h1>
      {done ? (
        <Alert variant="success" role="status">
          {done}
        </Alert>
      ) : (
        <Card>
          <Card.Body>
            <Form onSubmit={handleSubmit} noValidate>
              <FormAlert error={error} />
              <TextField
                name="email"
                label="Your account's email"
                type="email"
                autoComplete="email"
                value={email}
                onChange={setEmail}
                error={error}
                required
              />
              <Button type="submit" disabled={pending}>
                Email me a reset link
              </Button>
            </Form>
          </Card.Body>
        </Card>
      )}
    </Container>
  );
}
