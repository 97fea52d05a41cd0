import { useCallback, useMemo, useState } from "react";
import { Alert, Button, ButtonGroup, Spinner, ToggleButton } from "react-bootstrap";

import { addDays, dayKey, formatDay, formatTime, todayIn } from "../../../lib/time";
import { useLoad } from "../../../lib/useLoad";
import { getSlots } from "../api";
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
}

const WEEK = 7;

/** A week of free slots at a time, grouped by day in the patient's zone. */
export function SlotPicker({ doctorId, doctorZone, zone, types, onPick, pickLabel = "Book", horizonDays }: Props) {
  const [type, setType] = useState(types[0] ?? "in_person");
  const [from, setFrom] = useState(() => todayIn(doctorZone));
  const to = addDays(from, WEEK - 1);
  const load = useCallback(() => getSlots(doctorId, from, to, type), [doctorId, from, to, type]);
  const { data, error } = useLoad(load);
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
      {days.map(([key, slots]) => (
        <div key={key} className="mb-3">
          <h3 className="h6">{formatDay(slots[0].start, zone)}</h3>
          <div className="d-flex flex-wrap gap-2">
            {slots.map((slot) => (
              <Button
                key={slot.start}
                variant="outline-primary"
                size="sm"
                onClick={() => onPick(slot)}
                aria-label={`${pickLabel} ${formatDay(slot.start, zone)} at ${formatTime(slot.start, zone)}`}
              >
                {formatTime(slot.start, zone)}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
