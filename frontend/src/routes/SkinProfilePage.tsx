import { Alert, Card, Container, Spinner } from "react-bootstrap";

import { useSkinProfile } from "../features/account/api";
import { SkinProfileForm } from "../features/account/components/SkinProfileForm";
import { usePageTitle } from "../lib/usePageTitle";

export function SkinProfilePage() {
  usePageTitle("My skin profile");
  const { data, error } = useSkinProfile();
  return (
    <Container className="py-4" style={{ maxWidth: 820 }}>
      <h1 className="h2">My skin profile</h1>
      <p className="text-body-secondary">
        What you tell us here shapes your routine and keeps it safe: we leave out ingredients
        that do not suit pregnancy, sensitive skin or your allergies.
      </p>
      {error && <Alert variant="danger">{error.message}</Alert>}
      <Card>
        <Card.Body>{data ? <SkinProfileForm initial={data} /> : !error && <Spinner size="sm" />}</Card.Body>
      </Card>
    </Container>
  );
}
