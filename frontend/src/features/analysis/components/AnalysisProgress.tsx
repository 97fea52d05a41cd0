import { Card } from "react-bootstrap";

import { Meter } from "../../../components/Meter";

import type { Analysis } from "../api";
import { stageLabel } from "../labels";

/** Live progress while the analysis waits or runs. */
export function AnalysisProgress({ analysis }: { analysis: Analysis }) {
  const percent = analysis.status === "pending" ? 0 : analysis.progress;
  const label = analysis.status === "pending" ? stageLabel("queued") : stageLabel(analysis.stage);
  return (
    <Card>
      <Card.Body>
        <Card.Title as="h2" className="h5">
          Analysing your {analysis.kind === "video" ? "video" : "photo"}…
        </Card.Title>
        <Meter
          animated
          showValue
          value={Math.max(percent, 3)}
          label="Analysis progress"
          valueText={`${percent}% – ${label}`}
        />
        <p className="mt-2 mb-0 text-body-secondary" role="status" aria-live="polite">
          {label}
        </p>
      </Card.Body>
    </Card>
  );
}
