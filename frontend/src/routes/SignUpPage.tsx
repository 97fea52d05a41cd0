import { useState } from "react";
import { Alert, Card, Container } from "react-bootstrap";
import { Link } from "react-router-dom";

import { SignUpForm } from "../features/account/components/SignUpForm";
import { usePageTitle } from "../lib/usePageTitle";

export function SignUpPage() {
  usePageTitle("Create an account");
  const [sentTo, setSentTo] = useState<string | null>(null);

  return (
    <Container className="py-5" style={{ maxWidth: 480 }}>
      <h1 className="h2 mb-4">Create your account</h1>
      {sentTo ? (
        <Alert variant="success" role="status">
          <Alert.Heading as="h2" className="h5">
            Check your inbox
          </Alert.Heading>
          We sent a confirmation link to <strong>{sentTo}</strong>. Open it to finish creating
          your account.
        </Alert>
      ) : (
        <Card>
          <Card.Body>
            <SignUpForm onSignedUp={setSentTo} />
          </Card.Body>
        </Card>
      )}
      <p className="mt-3">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </Container>
  );
}
