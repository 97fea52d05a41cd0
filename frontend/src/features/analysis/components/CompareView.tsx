import { Alert, Col, Row, Table } from "react-bootstrap";

import type { Comparison } from "../api";
import { ITA_BANDS, formatDateTime, severityWord } from "../labels";
import { MediaViewer } from "./MediaViewer";
import { concernLabel } from "../../../lib/vocabulary";

function change(value: number | null | undefined) {
  if (value === null || value === undefined) return "–";
  if (value === 0) return "no change";
  return value > 0 ? `+${value}` : `${value}`;
}

/** The severity word with the score as detail; null: not checked in that photo. */
function severityText(severity: number | null | undefined) {
  if (severity === null || severity === undefined) return <span className="text-body-secondary">not checked</span>;
  return (
    <>
      {severityWord(severity)} <span className="text-body-secondary small">({severity})</span>
    </>
  );
}

/** Two analyses side by side: pictures, numbers, and whether the light allows comparing. */
export function CompareView({ comparison, onExpired }: { comparison: Comparison; onExpired?: () => void }) {
  const { first, second, lighting } = comparison;
  const sides = [first, second];
  return (
    <section aria-labelledby="compare-title">
      <h2 className="h4" id="compare-title">
        Side by side
      </h2>
      {!lighting.comparable && (
        <Alert variant="warning" role="alert">
          <strong>The light differs too much to compare these fairly.</strong>
          <ul className="mb-1 ps-3">
            {lighting.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {lighting.advice}
        </Alert>
      )}
      <Row xs={1} md={2} className="g-3">
        {sides.map((side, index) => (
          <Col key={side.id}>
            <h3 className="h6">{formatDateTime(side.created_at)}</h3>
            <MediaViewer
              mediaUrl={side.media_url}
              overlayUrl={side.overlay_url}
              kind={side.kind}
              label={`${index === 0 ? "First" : "Second"} ${side.kind} (${formatDateTime(side.created_at)})`}
              onExpired={onExpired}
            />
          </Col>
        ))}
      </Row>
      <Table responsive className="mt-3" aria-label="Numbers side by side">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">First</th>
            <th scope="col">Second</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Skin tone (ITA°)</th>
            <td>
              {first.summary?.ita?.toFixed(1) ?? "–"} {first.summary?.ita_band ? ITA_BANDS[first.summary.ita_band] : ""}
            </td>
            <td>
              {second.summary?.ita?.toFixed(1) ?? "–"} {second.summary?.ita_band ? ITA_BANDS[second.summary.ita_band] : ""}
            </td>
            <td>{change(comparison.ita_change)}</td>
          </tr>
          {comparison.concerns.map((row) => (
            <tr key={row.name}>
              <th scope="row">{concernLabel(row.name)}</th>
              <td>{severityText(row.first)}</td>
              <td>{severityText(row.second)}</td>
              <td>{change(row.change)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
