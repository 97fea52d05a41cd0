import { Badge, Button, Card, Form } from "react-bootstrap";
import { Link } from "react-router-dom";

import type { AnalysisItem } from "../api";
import { ITA_BANDS, formatDateTime, severityWord } from "../labels";
import { concernLabel } from "../../../lib/vocabulary";

interface Props {
  items: AnalysisItem[];
  selected: string[];
  onToggle: (id: string, on: boolean) => void;
  onDelete: (item: AnalysisItem) => void;
  deleting?: string | null;
}

const STATUS: Record<string, [string, string]> = {
  pending: ["secondary", "Waiting"],
  running: ["info", "Analysing"],
  done: ["success", "Done"],
  failed: ["danger", "Failed"],
};

function topConcerns(item: AnalysisItem): string {
  const concerns = Object.entries(item.summary?.concerns ?? {})
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([name, severity]) => `${concernLabel(name)}: ${severityWord(severity).toLowerCase()}`);
  return concerns.join(" · ");
}

/** The person's analyses, newest first; tick two to compare them. */
export function HistoryTimeline({ items, selected, onToggle, onDelete, deleting }: Props) {
  return (
    <ol className="list-unstyled ms-timeline mb-0" aria-label="My analyses">
      {items.map((item) => {
        const [variant, word] = STATUS[item.status] ?? ["secondary", item.status];
        const canCompare = item.status === "done";
        const when = formatDateTime(item.created_at);
        return (
          <li key={item.id} className="mb-3">
            <Card>
              <Card.Body className="d-flex gap-3 align-items-center flex-wrap">
                {item.thumbnail_url ? (
                  <img src={item.thumbnail_url} alt={`Photo of ${when}`} className="ms-thumb rounded-2" />
                ) : (
                  <div className="ms-thumb rounded-2 bg-body-tertiary" aria-hidden="true" />
                )}
                <div className="flex-grow-1" style={{ minWidth: "10rem" }}>
                  <Link to={`/analyses/${item.id}`} className="fw-semibold">
                    {when}
                  </Link>{" "}
                  <Badge bg={variant}>{word}</Badge>{" "}
                  {item.kind === "video" && <Badge bg="secondary">Video</Badge>}{" "}
                  {(item.summary?.lighting_issues.length ?? 0) > 0 && (
                    <Badge bg="warning" title="The light may have moved this result">
                      Poor light: less reliable
                    </Badge>
                  )}
                  {item.summary && (
                    <div className="small text-body-secondary">
                      {item.summary.ita_band ? `${ITA_BANDS[item.summary.ita_band] ?? item.summary.ita_band} · ` : ""}
                      {topConcerns(item)}
                    </div>
                  )}
                  {item.error && <div className="small text-danger-emphasis">{item.error.message}</div>}
                </div>
                <div className="d-flex gap-2 align-items-center">
                  <Form.Check
                    id={`compare-${item.id}`}
                    label="Compare"
                    disabled={!canCompare || (!selected.includes(item.id) && selected.length >= 2)}
                    checked={selected.includes(item.id)}
                    onChange={(event) => onToggle(item.id, event.target.checked)}
                    aria-label={`Compare the analysis of ${when}`}
                  />
                  <Button
                    variant="outline-danger"
                    size="sm"
                    disabled={deleting === item.id}
                    onClick={() => onDelete(item)}
                    aria-label={`Delete the analysis of ${when}`}
                  >
                    Delete
                  </Button>
                </div>
              </Card.Body>
            </Card>
          </li>
        );
      })}
    </ol>
  );
}
