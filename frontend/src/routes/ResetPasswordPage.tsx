import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Card, Container, Form } from "react-bootstrap";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";
import { useConfirmPasswordReset } from "../features/account/api";
import { usePageTitle } from "../lib/usePageTitle";

export function ResetPasswordPage() {
  usePageTitle("Choose a new password");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const reset = useConfirmPasswordReset();
  const { isPending: pending, error } = reset;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    reset.mutate(
      { uid: params.get("uid") ?? "", token: params.get("token") ?? "", new_password: password },
      { onSuccess: () => navigate("/signin?reset=1", { replace: true }) },
    );
  }

  return (
    <Container className="py-5" style={{ maxWidth: 480 }}>
      <h1 className="h2 mb-4">Choose a new password</h1>
      <Card>
        <Card.Body>
          <Form onSubmit={handleSubmit} noValidate>
            <FormAlert error={error} />
            {error?.code === "token_invalid" && (
              <p>
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            )}
            <TextField
              name="new_password"
              label="New password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={error}
              help="At least 10 characters; not a common password."
              required
            />
            <Button type="submit" disabled={pending}>
              Save my new password
            </Button>
          </Form>
        </Card.Body>
      </Card>
    </Container>
  );
}
