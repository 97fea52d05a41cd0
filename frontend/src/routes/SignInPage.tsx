import { Alert, Card, Container } from "react-bootstrap";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { SignInForm } from "../features/account/components/SignInForm";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

/** Only paths of this site are followed after sign-in (no open redirect). */
function safeNext(next: string | null, fallback = "/dashboard"): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}

/** Pages Django renders itself (the admin, /learn/): the React router cannot show them. */
function isServerPage(path: string): boolean {
  return /^\/(admin|learn)(\/|$)/.test(path);
}

export function SignInPage() {
  usePageTitle("Sign in");
  const { setUser } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  return (
    <Container className="py-5" style={{ maxWidth: 480 }}>
      <h1 className="h2 mb-4">Sign in</h1>
      {params.get("verified") && (
        <Alert variant="success">Your email is confirmed. Sign in to continue.</Alert>
      )}
      {params.get("signed_out") && (
        <Alert variant="info">
          {params.get("signed_out") === "everywhere"
            ? "You are signed out on every device and app."
            : "You are signed out."}
        </Alert>
      )}
      {params.get("deleted") && (
        <Alert variant="warning" role="status">
          You are signed out everywhere, and your account will be deleted on{" "}
          {new Date(params.get("deleted") ?? "").toLocaleDateString()}. Changed your mind? Sign in
          before then and your account stays.
        </Alert>
      )}
      {params.get("reset") && (
        <Alert variant="success">Your password is changed. Sign in with it now.</Alert>
      )}
      <Card>
        <Card.Body>
          <SignInForm
            onSignedIn={(user) => {
              setUser(user);
              const home = user.role === "dermatologist" ? "/portal" : "/dashboard";
              const next = safeNext(params.get("next"), home);
              if (isServerPage(next)) window.location.assign(next);
              else navigate(next, { replace: true });
            }}
          />
        </Card.Body>
      </Card>
      <p className="mt-3">
        New to MetSkin? <Link to="/signup">Create an account</Link>
      </p>
    </Container>
  );
}
