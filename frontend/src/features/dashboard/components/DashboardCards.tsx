import { Alert, Badge, Card } from "react-bootstrap";
import { Link } from "react-router-dom";

import { LinkButton } from "../../../components/LinkButton";
import type { AnalysisItem, SpotToRecheck } from "../../analysis/api";
import { ITA_BANDS, formatDateTime as formatWhen } from "../../analysis/labels";
import type { Appointment } from "../../booking/api";
import { CONSULTATION_LABELS } from "../../doctors/labels";
import type { Recommendation } from "../../routine/api";
import { STEP_LABELS } from "../../routine/labels";
import { formatDateTime } from "../../../lib/time";
import { concernLabel } from "../../../lib/vocabulary";

function longDay(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long" }).format(new Date(iso));
}

/** "Photograph this spot again": one line per spot the triage asked to watch. */
export function SpotReminders({ spots, now = new Date() }: { spots: SpotToRecheck[]; now?: Date }) {
  if (spots.length === 0) return null;
  return (
    <Alert variant="info" className="mb-0" role="region" aria-labelledby="spots-title">
      <h2 className="h6" id="spots-title">
        Spots to photograph again
      </h2>
      <ul className="mb-0 ps-3">
        {spots.map((spot) => {
          const due = new Date(spot.recheck_from) <= now;
          return (
            <li key={spot.analysis}>
              The spot you photographed on {longDay(spot.photographed_at)}:{" "}
              {due ? "it is time to photograph it again" : `photograph it again from ${longDay(spot.recheck_from)}`}{" "}
              — <Link to={`/analyse?same_spot_as=${spot.analysis}`}>photograph it again</Link>, and we compare the two.
            </li>
          );
        })}
      </ul>
    </Alert>
  );
}

/** The newest finished analysis in a few words. */
export function LatestResult({ item }: { item: AnalysisItem }) {
  const summary = item.summary;
  const concerns = Object.entries(summary?.concerns ?? {})
    .filter((entry): entry is [string, number] => entry[0] !== "lesion" && entry[1] !== null)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([name]) => concernLabel(name));
  const poorLight = (summary?.lighting_issues.length ?? 0) > 0;
  return (
    <Card as="section" aria-labelledby="latest-title" className="h-100">
      <Card.Body>
        <h2 className="h5" id="latest-title">
          Your latest result
        </h2>
        <p className="small text-body-secondary mb-2">
          {formatWhen(item.created_at)}{" "}
          {poorLight && (
            <Badge bg="warning">
              Poor light: less reliable
            </Badge>
          )}
        </p>
        {summary?.ita_band && (
          <p className="mb-1">
            Skin tone: {ITA_BANDS[summary.ita_band] ?? summary.ita_band}
            {summary.monk ? ` (Monk ${summary.monk} of 10)` : ""}
          </p>
        )}
        <p>{concerns.length ? `Most marked: ${concerns.join(", ")}.` : "Nothing stood out."}</p>
        <LinkButton to={`/analyses/${item.id}`} variant="outline-primary" size="sm">
          See the result
        </LinkButton>
      </Card.Body>
    </Card>
  );
}

/** Morning steps before noon, evening steps after, each with its product. */
export function TodayRoutine({ recommendation, hour = new Date().getHours() }: { recommendation: Recommendation; hour?: number }) {
  const morning = hour < 12;
  const steps = morning ? recommendation.routine.am : recommendation.routine.pm;
  return (
    <Card as="section" aria-labelledby="today-title" className="h-100">
      <Card.Body>
        <h2 className="h5" id="today-title">
          {morning ? "This morning" : "This evening"}
        </h2>
        {steps.length ? (
          <ol className="ps-3">
            {steps.map((step) => (
              <li key={`${step.step}-${step.product.id}`}>
                <span className="fw-semibold">{STEP_LABELS[step.step] ?? step.step}:</span> {step.product.name}
              </li>
            ))}
          </ol>
        ) : (
          <p>No steps yet.</p>
        )}
        <LinkButton to="/routine" variant="outline-primary" size="sm">
          My routine
        </LinkButton>
      </Card.Body>
    </Card>
  );
}

/** The next booked visit, or where to find a dermatologist. */
export function NextAppointment({ appointment, zone }: { appointment: Appointment | null; zone: string }) {
  return (
    <Card as="section" aria-labelledby="appointment-title" className="h-100">
      <Card.Body>
        <h2 className="h5" id="appointment-title">
          Your next appointment
        </h2>
        {appointment ? (
          <>
            <p className="mb-1 fw-semibold">{formatDateTime(appointment.start, zone)}</p>
            <p>
              {appointment.doctor.display_name} · {CONSULTATION_LABELS[appointment.consultation_type]}
            </p>
            <LinkButton to={`/appointments/${appointment.id}`} variant="outline-primary" size="sm">
              See the appointment
            </LinkButton>
          </>
        ) : (
          <>
            <p>None booked.</p>
            <LinkButton to="/doctors" variant="outline-primary" size="sm">
              Find a dermatologist
            </LinkButton>
          </>
        )}
      </Card.Body>
    </Card>
  );
}
