import type { ReactNode } from "react";
import { Container, Spinner } from "react-bootstrap";
import { Navigate, useLocation } from "react-router-dom";

import { ConsentStep } from "../features/account/components/ConsentStep";
import { useAuth } from "../lib/auth";

/** Shows its children to signed-in users; sends everyone else to sign in, then back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) {
    return (
      <Container className="py-5 text-center">
        <Spinner animation="border" role="status">
          <span className="visually-hidden">Loading…</span>
        </Spinner>
      </Container>
    );
  }
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  // The privacy notice changed since they agreed: nothing else until they agree again (the
  // profile page stays open, so they can export or delete instead).
  if (user.consent_required && location.pathname !== "/profile") return <ConsentStep />;
  return <>{children}</>;
}
