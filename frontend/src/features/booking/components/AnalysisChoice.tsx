import { Form } from "react-bootstrap";

import type { MyAnalysis } from "../api";

function when(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(
    new Date(iso),
  );
}

interface Props {
  analyses: MyAnalysis[];
  selected: string[];
  doctorName: string;
  /** How long after the visit the doctor still sees what was shared (a server setting). */
  shareDays: number;
  onChange: (ids: string[]) => void;
}

/** Explicit, per-analysis consent: nothing is ticked until the patient ticks it. */
export function AnalysisChoice({ analyses, selected, doctorName, shareDays, onChange }: Props) {
  if (analyses.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((value) => value !== id));
  return (
    <fieldset className="mb-3">
      <legend className="h6">Share analyses with {doctorName} (optional)</legend>
      <p className="small text-body-secondary mb-2">
        Only {doctorName} will see the photos, overlays and results you tick, for this
        appointment: until {shareDays} {shareDays === 1 ? "day" : "days"} after the visit, or
        until it is cancelled. You can stop sharing at any time.
      </p>
      <div className="d-flex flex-wrap gap-3">
        {analyses.map((analysis) => (
          <Form.Check
            key={analysis.id}
            id={`share-${analysis.id}`}
            type="checkbox"
            checked={selected.includes(analysis.id)}
            onChange={(event) => toggle(analysis.id, event.target.checked)}
            label={
              <span className="d-inline-flex align-items-center gap-2">
                {analysis.thumbnail_url && (
                  <img src={analysis.thumbnail_url} alt="" width={48} height={48} className="rounded object-fit-cover" />
                )}
                Analysis of {when(analysis.created_at)}
              </span>
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
