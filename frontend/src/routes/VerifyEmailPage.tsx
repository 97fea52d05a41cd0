import { useEffect, useRef } from "react";
import { Alert, Container, Spinner } from "react-bootstrap";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { useVerifyEmail } from "../features/account/api";
import { usePageTitle } from "../lib/usePageTitle";

export function VerifyEmailPage() {
  usePageTitle("Confirm your email");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { mutate: verify, error } = useVerifyEmail();
  const started = useRef(false);
  const token = params.get("token") ?? "";

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; the link works only once
    started.current = true;
    verify(token, { onSuccess: () => navigate("/signin?verified=1", { replace: true }) });
  }, [token, navigate, verify]);

  return (
    <Container className="py-5" style={{ maxWidth: 560 }}>
      <h1 className="h2 mb-4">Confirm your email</h1>
      {error ? (
        <Alert variant={error.code === "token_used" ? "info" : "danger"}>
          <p>{error.message}</p>
          {error.code === "token_used" ? (
            <Link to="/signin">Sign in</Link>
          ) : (
            <Link to="/signin">Sign in to ask for a new link</Link>
          )}
        </Alert>
      ) : (
        <p>
          <Spinner animation="border" size="sm" role="status" /> Confirming your email…
        </p>
      )}
    </Container>
  );
}
