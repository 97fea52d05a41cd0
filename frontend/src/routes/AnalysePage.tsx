import { Col, Container, Row } from "react-bootstrap";
import { Link, useNavigate, useSearchParams } from "react-router-dom";

import { CaptureGuidance } from "../features/uploads/components/CaptureGuidance";
import { UploadPanel } from "../features/uploads/components/UploadPanel";
import type { UploadCreated } from "../features/uploads/api";
import { usePageTitle } from "../lib/usePageTitle";

export function AnalysePage() {
  usePageTitle("Analyse my skin");
  const navigate = useNavigate();
  // "/analyse?same_spot_as=<analysis id>": the link of a "photograph the spot again" reminder
  const [params] = useSearchParams();
  const sameSpotAs = params.get("same_spot_as") ?? undefined;

  function handleUploaded(created: UploadCreated, total: number) {
    // One file: follow it straight to its analysis; several: stay to watch them all.
    if (total === 1) navigate(`/analyses/${created.analysis.id}`);
  }

  return (
    <Container className="py-4">
      <h1 className="h2">Analyse my skin</h1>
      <p className="text-body-secondary">
        Upload a photo of your face or of a skin area. Your photos are private: stored encrypted and
        shown only to you, and to a dermatologist if you choose to share them.{" "}
        <Link to="/history">See my history</Link>
      </p>
      <Row className="g-4">
        <Col lg={7}>
          <UploadPanel onUploaded={handleUploaded} sameSpotAs={sameSpotAs} />
        </Col>
        <Col lg={5}>
          <CaptureGuidance />
        </Col>
      </Row>
    </Container>
  );
}
