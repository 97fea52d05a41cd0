import { useEffect, useRef, useState } from "react";
import { Alert, Container, Spinner } from "react-bootstrap";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { verifyEmail } from "../features/account/api";
import { ApiError, asApiError } from "../lib/api";
import { usePageTitle } from "../lib/usePageTitle";

export function VerifyEmailPage() {
  usePageTitle("Confirm your email");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);
  const token = params.get("token") ?? "";

  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; the link works only once
    started.current = true;
    verifyEmail(token)
      .then(() => navigate("/signin?verified=1", { replace: true }))
      .catch((caught: unknown) => setError(asApiError(caught, "Something went wrong.")));
  }, [token, navigate]);

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
