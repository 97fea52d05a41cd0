import { Alert, Col, Row, Spinner } from "react-bootstrap";
import { Line } from "react-chartjs-2";
import { Link } from "react-router-dom";

import { errorMessage } from "../../../lib/api";
import { useAnalysesById } from "../../analysis/api";
import { isAssessed } from "../../analysis/labels";
import type { Analysis } from "../../analysis/api";
import "../../../lib/charts"; // registers the chart parts; no animation when less motion is asked for

const PALETTE = ["#b91c1c", "#0369a1", "#b45309", "#15803d", "#7c3aed", "#be185d", "#0f766e", "#52606d"];

function day(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(new Date(iso));
}

/** What the patient chose to share: photo and overlay, main findings, and the trend. */
export function SharedAnalyses({ ids }: { ids: string[] }) {
  const key = ids.join(",");
  const query = useAnalysesById(ids.filter(Boolean));
  const analyses = query.data ?? null;
  const error = query.error ? errorMessage(query.error) : null;

  if (ids.length === 0) return <p className="small mb-2">No analyses shared.</p>;
  if (error) return <Alert variant="warning">{error}</Alert>;
  if (!analyses) return <Spinner size="sm" role="status" aria-label="Loading shared analyses" />;

  return (
    <section aria-label="Shared analyses" className="mb-2">
      <p className="small text-body-secondary mb-2">
        Shared by the patient. MetSkin's measurements are not a diagnosis.
      </p>
      <Row xs={1} md={2} className="g-2">
        {analyses.map((analysis) => (
          <Col key={analysis.id}>
            <figure className="border rounded p-2 mb-0">
              <div className="d-flex gap-2 align-items-start">
                {analysis.media_url && analysis.upload.kind === "photo" && (
                  <img src={analysis.media_url} alt={`Photo of ${day(analysis.created_at)}`} className="ms-pair rounded w-50" />
                )}
                {analysis.overlay_url && (
                  <img src={analysis.overlay_url} alt={`Findings marked on the photo of ${day(analysis.created_at)}`} className="ms-pair rounded w-50" />
                )}
              </div>
              <figcaption className="small mt-1">
                <Link to={`/portal/analyses/${analysis.id}?shared=${key}`} className="fw-semibold">
                  {day(analysis.created_at)}
                </Link>
                {topFindings(analysis.result?.concerns ?? []).map((concern) => (
                  <span key={concern.name}>
                    {" "}
                    · {concern.label} {Math.round(concern.severity)}
                  </span>
                ))}
              </figcaption>
            </figure>
          </Col>
        ))}
      </Row>
      <SharedTrend analyses={analyses} />
    </section>
  );
}

/** The three most severe findings for a card's caption. A concern the engine could not check in
 * that photo is left out: its 0 is no measurement, and "Dark spots 0" would read as clear skin. */
export function topFindings<C extends { severity: number; details?: Record<string, unknown> | null }>(
  concerns: C[],
): C[] {
  return concerns
    .filter(isAssessed)
    .sort((a, b) => b.severity - a.severity)
    .slice(0, 3);
}

/** Severity of each concern over the analyses a patient shared; a concern not measured in one
 * is a gap, never a 0. */
export function SharedTrend({ analyses }: { analyses: Analysis[] }) {
  if (analyses.length < 2) return null;
  const names = Array.from(new Set(analyses.flatMap((a) => Object.keys(a.summary?.concerns ?? {}))));
  return (
    <div className="mt-2" style={{ maxWidth: 560 }}>
      <Line
        aria-label="Concern severity over the shared analyses"
        role="img"
        data={{
          labels: analyses.map((a) => day(a.created_at)),
          datasets: names.map((name, index) => ({
            label: analyses.flatMap((a) => a.result?.concerns ?? []).find((c) => c.name === name)?.label ?? name,
            borderColor: PALETTE[index % PALETTE.length],
            backgroundColor: PALETTE[index % PALETTE.length],
            data: analyses.map((a) => a.summary?.concerns[name] ?? null),
            spanGaps: false,
            tension: 0.2,
          })),
        }}
        options={{ scales: { y: { min: 0, max: 100 } } }}
      />
    </div>
  );
}
