import { Alert, Badge, Card, Col, Container, Row, Spinner, Table } from "react-bootstrap";
import { Link, useParams, useSearchParams } from "react-router-dom";

import { useAnalysesById } from "../features/analysis/api";
import type { Analysis } from "../features/analysis/api";
import { MediaViewer } from "../features/analysis/components/MediaViewer";
import { isAssessed } from "../features/analysis/labels";
import { SharedTrend } from "../features/portal/components/SharedAnalyses";
import { errorMessage } from "../lib/api";
import { usePageTitle } from "../lib/usePageTitle";

const URGENCY_WORDS: Record<string, string> = {
  urgent: "urgent (see within two weeks)",
  soon: "soon (coming weeks)",
  routine: "watch (re-photograph in 4–8 weeks)",
  none: "no sign flagged",
};

const ANSWER_WORDS: Record<string, string> = {
  changed: "changed",
  grew: "grew",
  bleeds: "bleeds",
  itches: "itches",
  hurts: "hurts",
  raised: "raised",
  skin_cancer_history: "history of skin cancer",
};

function spotAnswers(answers: NonNullable<Analysis["spot_answers"]>): string {
  const words = Object.entries(ANSWER_WORDS)
    .filter(([key]) => answers[key as keyof typeof answers] != null)
    .map(([key, word]) => `${word}: ${answers[key as keyof typeof answers] ? "yes" : "no"}`);
  if (answers.age != null) words.unshift(`age ${answers.age}`);
  return words.join(" · ") || "none given";
}

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/** /portal/analyses/:id?shared=<ids>: a shared analysis worded for a clinician — the measured
 * numbers with their confidence, the triage's reasons and the patient's own answers, the
 * photo's quality — with the trend over what the patient shared for the visit. */
export function PortalAnalysisPage() {
  usePageTitle("Shared analysis");
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const shared = params.get("shared") ?? id;
  const query = useAnalysesById(Array.from(new Set([id, ...shared.split(",")])).filter(Boolean));
  const analyses = query.data ?? null;
  const error = query.error ? errorMessage(query.error) : null;

  const analysis = analyses?.find((item) => item.id === id);
  const result = analysis?.result;
  const tone = result?.tone;
  return (
    <Container className="py-4">
      <p>
        <Link to="/portal">← Portal</Link>
      </p>
      <h1 className="h2">Shared analysis</h1>
      {error && <Alert variant="warning">{error}</Alert>}
      {!analyses && !error && <Spinner role="status" aria-label="Loading the analysis" />}
      {analysis && result && (
        <div className="d-flex flex-column gap-3">
          <Alert variant="secondary" className="mb-0 small">
            Automated measurements from one {analysis.kind} taken by the patient on{" "}
            {new Date(analysis.created_at).toLocaleString("en-GB")} (engine {result.engine_version}). Severity
            compares each area with the patient's own skin in the same photo; it is not a diagnosis and the
            triage has not been validated for clinical use.
          </Alert>
          <Row className="g-3">
            <Col lg={5}>
              <MediaViewer mediaUrl={analysis.media_url} overlayUrl={analysis.overlay_url} kind={analysis.kind} label="Shared photo" />
            </Col>
            <Col lg={7} className="d-flex flex-column gap-3">
              <Card as="section" aria-labelledby="tone-title">
                <Card.Body>
                  <h2 className="h5" id="tone-title">Constitutive tone</h2>
                  {tone ? (
                    <dl className="row small mb-0">
                      <dt className="col-6">ITA°</dt>
                      <dd className="col-6">
                        {tone.ita.toFixed(1)}° ({tone.ita_band.replace("_", " ")})
                      </dd>
                      <dt className="col-6">Monk Skin Tone</dt>
                      <dd className="col-6">{tone.monk} / 10</dd>
                      <dt className="col-6">Fitzpatrick (from colour)</dt>
                      <dd className="col-6">
                        {tone.fitzpatrick}
                        {tone.fitzpatrick_range ? ` (range ${tone.fitzpatrick_range.join("–")})` : ""}
                      </dd>
                      {analysis.phototype && (
                        <>
                          <dt className="col-6">Phototype used</dt>
                          <dd className="col-6">
                            {analysis.phototype.fitzpatrick} ({analysis.phototype.fitzpatrick_source})
                          </dd>
                        </>
                      )}
                      <dt className="col-6">Undertone</dt>
                      <dd className="col-6">{tone.undertone}</dd>
                      <dt className="col-6">Confidence</dt>
                      <dd className="col-6">{percent(tone.confidence)}</dd>
                    </dl>
                  ) : (
                    <p className="small mb-0">Not measured in this {analysis.kind}.</p>
                  )}
                </Card.Body>
              </Card>
              <Card as="section" aria-labelledby="quality-title">
                <Card.Body>
                  <h2 className="h5" id="quality-title">
                    Photo quality <Badge bg={result.quality.ok ? "success" : "warning"}>{percent(result.quality.score)}</Badge>
                  </h2>
                  {result.quality.issues.length ? (
                    <ul className="small mb-0">
                      {result.quality.issues.map((issue) => (
                        <li key={issue.code}>
                          <code>{issue.code}</code>: {issue.message}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="small mb-0">No quality issue.</p>
                  )}
                </Card.Body>
              </Card>
            </Col>
          </Row>
          <section aria-labelledby="findings-title">
            <h2 className="h5" id="findings-title">Findings</h2>
            <Table responsive size="sm" className="small">
              <thead>
                <tr>
                  <th scope="col">Concern</th>
                  <th scope="col">Severity (0–100)</th>
                  <th scope="col">Confidence</th>
                  <th scope="col">Where</th>
                </tr>
              </thead>
              <tbody>
                {result.concerns.map((concern) => (
                  <tr key={concern.name}>
                    <th scope="row">{concern.label}</th>
                    <td>{isAssessed(concern) ? concern.severity : "not assessed"}</td>
                    <td>{percent(concern.confidence)}</td>
                    <td>{concern.regions.join(", ").replaceAll("_", " ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
          {analysis.lesion_urgency && (
            <section aria-labelledby="triage-title">
              <h2 className="h5" id="triage-title">Spot triage</h2>
              <p className="small mb-1">Urgency: {URGENCY_WORDS[analysis.lesion_urgency] ?? analysis.lesion_urgency}</p>
              {analysis.spot_answers && (
                <p className="small mb-0">Patient reports: {spotAnswers(analysis.spot_answers)}</p>
              )}
            </section>
          )}
          {analyses && analyses.length >= 2 && (
            <section aria-labelledby="trend-title">
              <h2 className="h5" id="trend-title">Trend over the shared analyses</h2>
              <SharedTrend analyses={analyses} />
            </section>
          )}
        </div>
      )}
    </Container>
  );
}
