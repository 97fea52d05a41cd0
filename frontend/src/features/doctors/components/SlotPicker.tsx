import { useMemo, useState } from "react";
import { Alert, Button, ButtonGroup, Spinner, ToggleButton } from "react-bootstrap";

import { addDays, dayKey, formatDay, formatTime, insideChangeCutoff, todayIn } from "../../../lib/time";
import { useSlots } from "../api";
import type { Slot } from "../api";
import { CONSULTATION_LABELS } from "../labels";

interface Props {
  doctorId: string;
  doctorZone: string;
  zone: string;
  types: string[];
  onPick: (slot: Slot) => void;
  pickLabel?: string;
  /** How far ahead the doctor takes bookings: "Later" stops at the last bookable week. */
  horizonDays?: number;
  /** Slots starting sooner than this cannot be changed online once booked: marked "final". */
  cutoffHours?: number;
}

const WEEK = 7;

/** A week of free slots at a time, grouped by day in the patient's zone. */
export function SlotPicker({
  doctorId,
  doctorZone,
  zone,
  types,
  onPick,
  pickLabel = "Book",
  horizonDays,
  cutoffHours,
}: Props) {
  const [type, setType] = useState(types[0] ?? "in_person");
  const [from, setFrom] = useState(() => todayIn(doctorZone));
  const to = addDays(from, WEEK - 1);
  const { data, error } = useSlots(doctorId, from, to, type);
  const lastBookableDay = horizonDays === undefined ? undefined : addDays(todayIn(doctorZone), horizonDays);
  const nextWeek = addDays(from, WEEK);
  const laterPossible = lastBookableDay === undefined || nextWeek <= lastBookableDay;

  const days = useMemo(() => {
    const grouped = new Map<string, Slot[]>();
    for (const slot of data ?? []) {
      const key = dayKey(slot.start, zone);
      grouped.set(key, [...(grouped.get(key) ?? []), slot]);
    }
    return [...grouped.entries()];
  }, [data, zone]);
  const isFinal = (slot: Slot) => cutoffHours !== undefined && insideChangeCutoff(slot.start, cutoffHours);
  const anyFinal = (data ?? []).some(isFinal);

  return (
    <section aria-label="Free slots">
      {types.length > 1 && (
        <ButtonGroup className="mb-3" aria-label="Consultation type">
          {types.map((t) => (
            <ToggleButton
              key={t}
              id={`type-${t}`}
              type="radio"
              name="consultation-type"
              value={t}
              variant="outline-primary"
              checked={type === t}
              onChange={() => setType(t)}
            >
              {CONSULTATION_LABELS[t]}
            </ToggleButton>
          ))}
        </ButtonGroup>
      )}
      <p className="small text-body-secondary">Times are shown in your time zone: {zone}.</p>
      <div className="d-flex gap-2 mb-3">
        <Button
          variant="outline-secondary"
          size="sm"
          disabled={from <= todayIn(doctorZone)}
          onClick={() => setFrom(addDays(from, -WEEK))}
        >
          ← Earlier
        </Button>
        <Button
          variant="outline-secondary"
          size="sm"
          disabled={!laterPossible}
          onClick={() => setFrom(nextWeek)}
        >
          Later →
        </Button>
      </div>
      {!laterPossible && (
        <p className="small text-body-secondary">This doctor takes bookings up to {horizonDays} days ahead.</p>
      )}
      {error && <Alert variant="danger">{error.message}</Alert>}
      {!data && !error && <Spinner size="sm" role="status" aria-label="Loading slots" />}
      {data && days.length === 0 && <p>No free {CONSULTATION_LABELS[type].toLowerCase()} slots this week.</p>}
      {anyFinal && (
        <p className="small border-start border-3 border-warning ps-2" id={`final-note-${doctorId}`}>
          <strong>final</strong>: starts within {cutoffHours} hours, so once booked it cannot be moved or
          cancelled online (only by calling the clinic).
        </p>
      )}
      {days.map(([key, slots]) => (
        <div key={key} className="mb-3">
          <h3 className="h6">{formatDay(slots[0].start, zone)}</h3>
          <div className="d-flex flex-wrap gap-2">
            {slots.map((slot) => (
              // The day is said to screen readers only; the visible time stays in the name,
              // so voice control ("click 09:30") finds the button.
              <Button
                key={slot.start}
                variant={isFinal(slot) ? "outline-dark" : "outline-primary"}
                size="sm"
                onClick={() => onPick(slot)}
                aria-describedby={isFinal(slot) ? `final-note-${doctorId}` : undefined}
              >
                <span className="visually-hidden">
                  {pickLabel} {formatDay(slot.start, zone)} at
                </span>{" "}
                {formatTime(slot.start, zone)}
                {isFinal(slot) && " · final"}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
