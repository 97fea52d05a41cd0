import type { ReactNode } from "react";
import { Col, Row } from "react-bootstrap";

import type { Analysis } from "../api";
import { isAssessed } from "../labels";
import { ConcernCard } from "./ConcernCard";
import { LightingWarning } from "./LightingWarning";
import { MediaViewer } from "./MediaViewer";
import { NotADiagnosis } from "./NotADiagnosis";
import { QualityWarnings } from "./QualityWarnings";
import { ToneCard } from "./ToneCard";

interface Props {
  analysis: Analysis;
  sunReaction?: string;
  /** Shown beside the picture (the page puts the skin profile here). */
  aside?: ReactNode;
  onExpired?: () => void;
}

/** A finished analysis: picture and overlay, tone, concerns, quality, the disclaimer. */
export function AnalysisResultView({ analysis, sunReaction, aside, onExpired }: Props) {
  const result = analysis.result;
  if (!result) return null;
  // Most marked first; concerns that could not be checked in this photo last.
  const concerns = [...result.concerns].sort(
    (a, b) => Number(isAssessed(b)) - Number(isAssessed(a)) || b.severity - a.severity,
  );
  return (
    <div className="d-flex flex-column gap-4">
      <LightingWarning issues={result.quality.issues} />
      <NotADiagnosis />
      <QualityWarnings issues={result.quality.issues} />
      <Row className="g-4">
        <Col lg={6}>
          <MediaViewer
            mediaUrl={analysis.media_url}
            overlayUrl={analysis.overlay_url}
            kind={analysis.kind}
            label={`Your ${analysis.kind}`}
            onExpired={onExpired}
          />
        </Col>
        <Col lg={6} className="d-flex flex-column gap-4">
          <ToneCard tone={result.tone} sunReaction={sunReaction} phototype={analysis.phototype} />
          {aside}
        </Col>
      </Row>
      <section aria-labelledby="concerns-title">
        <h2 className="h4" id="concerns-title">
          What the photo shows
        </h2>
        <p className="text-body-secondary small">
          Each bar compares an area with the rest of your own skin (0 = none, 100 = very marked).
        </p>
        <Row xs={1} md={2} xl={3} className="g-3">
          {concerns.map((concern) => (
            <Col key={concern.name}>
              <ConcernCard concern={concern} analysisId={analysis.is_owner ? analysis.id : undefined} />
            </Col>
          ))}
        </Row>
      </section>
    </div>
  );
}
