import { Badge, Card } from "react-bootstrap";

import { Meter } from "../../../components/Meter";

import type { Concern } from "../api";
import { ACNE_GRADES, concernTitle, isAssessed, severityVariant, severityWord } from "../labels";

/** One concern: how marked it is, what it means in plain words, where to learn more.
 *
 * A concern the engine could not check in this photo (``details.assessed === false``, e.g. the
 * face is too small for single spots) is shown as "Not checked in this photo", muted and without
 * a severity bar: a zero there is not a finding.
 */
export function ConcernCard({ concern, analysisId }: { concern: Concern; analysisId?: string }) {
  const details = concern.details ?? {};
  if (!isAssessed(concern)) {
    return <NotCheckedCard concern={concern} />;
  }
  const worthALook = concern.name === "lesion" && details.worth_a_look === true;
  const title = concernTitle(concern);
  const grade = typeof details.hayashi_grade === "string" ? ACNE_GRADES[details.hayashi_grade] : undefined;
  const count = typeof details.count === "number" ? details.count : undefined;
  const titleId = `concern-${concern.name}`;
  return (
    <Card as="section" className="h-100" aria-labelledby={titleId}>
      <Card.Body className="d-flex flex-column">
        <div className="d-flex justify-content-between align-items-start gap-2">
          <Card.Title as="h3" className="h6 mb-1" id={titleId}>
            {title}
          </Card.Title>
          <Badge bg={severityVariant(concern.severity)}>
            {severityWord(concern.severity)}
          </Badge>
        </div>
        <Meter
          value={concern.severity}
          variant={severityVariant(concern.severity)}
          className="mt-2 mb-1"
          label={`${title}: ${concern.severity} out of 100`}
          valueText={`${severityWord(concern.severity)}, ${concern.severity} out of 100`}
        />
        {/* The word and the bar say it; the score is the detail, for comparing photos. */}
        <p className="small text-body-secondary text-end mb-2">score {concern.severity} of 100</p>
        <p className="small mb-2">{concern.explanation}</p>
        {count !== undefined && (
          <p className="small mb-2">
            {count} spot{count === 1 ? "" : "s"} counted{grade ? `, a ${grade} pattern` : ""}.
          </p>
        )}
        {concern.name === "lesion" && (
          <SpotTriage details={details} worthALook={worthALook} analysisId={analysisId} />
        )}
        {concern.confidence < 0.4 && (
          <p className="small text-body-secondary mb-2">Measured with low confidence in this photo.</p>
        )}
        <a
          className="small mt-auto"
          href={`/learn/concern/${concern.name}/`}
          aria-label={`Learn about this: ${title}`}
        >
          Learn about this
        </a>
      </Card.Body>
    </Card>
  );
}

/** What the lesion triage says: how soon, and why in plain words (docs/skinlab.md). */
function SpotTriage({
  details,
  worthALook,
  analysisId,
}: {
  details: Record<string, unknown>;
  worthALook: boolean;
  analysisId?: string;
}) {
  const urgency = typeof details.urgency === "string" ? details.urgency : undefined;
  const reasons = Array.isArray(details.reasons) ? details.reasons.filter((r) => typeof r === "string") : [];
  const headline =
    urgency === "urgent"
      ? "See a dermatologist within the next two weeks."
      : urgency === "soon" || (urgency === undefined && worthALook)
        ? "Worth showing a dermatologist in the coming weeks."
        : urgency === "routine"
          ? "Keep an eye on it: photograph it again in 4 to 8 weeks."
          : undefined;
  if (!headline) return null;
  const refer = urgency === "urgent" || urgency === "soon" || (urgency === undefined && worthALook);
  return (
    <div className="small mb-2" data-testid="spot-triage">
      <p className={`fw-semibold mb-1 ${refer ? "text-danger-emphasis" : ""}`}>
        {headline}{" "}
        {refer && <a href="/doctors?specialty=skin_cancer&sort=soonest">Find one near you</a>}
      </p>
      {urgency === "routine" && analysisId && (
        <p className="mb-1">
          <a href={`/analyse?same_spot_as=${analysisId}`}>Photograph this spot again</a> (we compare the two
          photos; we also remind you in six weeks).
        </p>
      )}
      {reasons.length > 0 && (
        <ul className="mb-0 ps-3" aria-label="Why">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NotCheckedCard({ concern }: { concern: Concern }) {
  const titleId = `concern-${concern.name}`;
  return (
    <Card as="section" className="h-100 bg-body-tertiary" aria-labelledby={titleId}>
      <Card.Body className="d-flex flex-column">
        <div className="d-flex justify-content-between align-items-start gap-2">
          <Card.Title as="h3" className="h6 mb-1 text-body-secondary" id={titleId}>
            {concern.label}
          </Card.Title>
          <Badge bg="light" text="secondary" className="border">
            Not checked in this photo
          </Badge>
        </div>
        <p className="small text-body-secondary mt-2 mb-2">{concern.explanation}</p>
        <a
          className="small mt-auto"
          href={`/learn/concern/${concern.name}/`}
          aria-label={`Learn about this: ${concern.label}`}
        >
          Learn about this
        </a>
      </Card.Body>
    </Card>
  );
}
