import { Alert, Container, Spinner } from "react-bootstrap";

import { useRecommendation } from "../features/routine/api";
import { RoutineView } from "../features/routine/components/RoutineView";
import { LinkButton } from "../components/LinkButton";
import { usePageTitle } from "../lib/usePageTitle";

export function RoutinePage() {
  usePageTitle("My routine");
  const { data, error } = useRecommendation();
  return (
    <Container className="py-4">
      <div className="d-flex flex-wrap justify-content-between align-items-baseline gap-2 mb-3">
        <h1 className="h2 mb-0">My routine</h1>
        <div className="d-flex gap-2">
          <LinkButton to="/profile/skin" variant="outline-primary" size="sm">
            Update my skin profile
          </LinkButton>
          <LinkButton to="/ingredients/check" variant="outline-primary" size="sm">
            Check a product
          </LinkButton>
        </div>
      </div>
      {error && <Alert variant="danger">{error.message}</Alert>}
      {data ? (
        <RoutineView recommendation={data} />
      ) : (
        !error && (
          <Spinner animation="border" role="status">
            <span className="visually-hidden">Loading your routine…</span>
          </Spinner>
        )
      )}
    </Container>
  );
}
