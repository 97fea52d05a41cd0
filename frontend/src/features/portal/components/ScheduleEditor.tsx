import { useState } from "react";
import { Button, Col, Form, Row } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { useSaveSchedule } from "../api";
import type { Schedule, WeeklyBlock } from "../api";
import { SavedAlert } from "../../../components/SavedAlert";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const OFFERS: Record<string, string> = { both: "In person or video", in_person: "In person", video: "Video" };
const NUMBERS = [
  ["slot_minutes_in_person", "In-person slot (min)"],
  ["slot_minutes_video", "Video slot (min)"],
  ["buffer_minutes", "Buffer after each (min)"],
  ["min_notice_hours", "Minimum notice (h)"],
  ["booking_horizon_days", "Book ahead up to (days)"],
] as const;

/** The doctor's usual week, in their own time zone, replaced in one save. */
export function ScheduleEditor({ initial }: { initial: Schedule }) {
  const [schedule, setSchedule] = useState(initial);
  const [saved, setSaved] = useState(false);
  const save = useSaveSchedule();
  const { isPending: pending, error } = save;

  function setBlock(index: number, change: Partial<WeeklyBlock>) {
    setSaved(false);
    setSchedule((s) => ({ ...s, weekly: s.weekly.map((b, i) => (i === index ? { ...b, ...change } : b)) }));
  }

  function handleSave() {
    const { time_zone: _zone, ...body } = schedule;
    save.mutate(body, {
      onSuccess: (result) => {
        setSchedule(result);
        setSaved(true);
      },
    });
  }

  return (
    <section aria-label="Weekly schedule">
      <p className="small text-body-secondary">Times are in your clinic's time zone: {schedule.time_zone}.</p>
      <FormAlert error={error} />
      <SavedAlert show={saved}>Schedule saved. Existing bookings stay as they are.</SavedAlert>
      {/* One small grid per block instead of a table: it fits a 360 px phone without sideways
          scrolling, and each field says which block it belongs to. */}
      <ol className="list-unstyled d-flex flex-column gap-2 mb-2" aria-label="Weekly hours">
        {schedule.weekly.map((block, index) => {
          const n = index + 1;
          return (
            <li key={index} className="border rounded p-2">
              <Row className="g-2 align-items-end">
                <Col xs={6} md={3}>
                  <Form.Label className="small mb-0" htmlFor={`block-${n}-day`}>
                    Day
                  </Form.Label>
                  <Form.Select id={`block-${n}-day`} aria-label={`Day of block ${n}`} size="sm" value={block.weekday} onChange={(e) => setBlock(index, { weekday: Number(e.target.value) })}>
                    {DAYS.map((day, value) => (
                      <option key={day} value={value}>
                        {day}
                      </option>
                    ))}
                  </Form.Select>
                </Col>
                <Col xs={6} md={3}>
                  <Form.Label className="small mb-0" htmlFor={`block-${n}-offers`}>
                    Offers
                  </Form.Label>
                  <Form.Select id={`block-${n}-offers`} aria-label={`What block ${n} offers`} size="sm" value={block.offers} onChange={(e) => setBlock(index, { offers: e.target.value as WeeklyBlock["offers"] })}>
                    {Object.entries(OFFERS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Form.Select>
                </Col>
                <Col xs={6} md={2}>
                  <Form.Label className="small mb-0" htmlFor={`block-${n}-from`}>
                    From
                  </Form.Label>
                  <Form.Control id={`block-${n}-from`} aria-label={`Block ${n} from`} size="sm" type="time" value={block.start_time.slice(0, 5)} onChange={(e) => setBlock(index, { start_time: e.target.value })} />
                </Col>
                <Col xs={6} md={2}>
                  <Form.Label className="small mb-0" htmlFor={`block-${n}-to`}>
                    To
                  </Form.Label>
                  <Form.Control id={`block-${n}-to`} aria-label={`Block ${n} to`} size="sm" type="time" value={block.end_time.slice(0, 5)} onChange={(e) => setBlock(index, { end_time: e.target.value })} />
                </Col>
                <Col xs={12} md={2} className="text-end">
                  <Button size="sm" variant="outline-danger" aria-label={`Remove block ${n}`} onClick={() => setSchedule((s) => ({ ...s, weekly: s.weekly.filter((_, i) => i !== index) }))}>
                    Remove
                  </Button>
                </Col>
              </Row>
            </li>
          );
        })}
      </ol>
      <Button
        size="sm"
        variant="outline-primary"
        className="mb-3"
        onClick={() =>
          setSchedule((s) => ({ ...s, weekly: [...s.weekly, { weekday: 0, start_time: "09:00", end_time: "12:00", offers: "both" }] }))
        }
      >
        Add a block
      </Button>
      <Row className="g-2 mb-3">
        {NUMBERS.map(([key, label]) => (
          <Col xs={6} md={4} key={key}>
            <Form.Group controlId={`schedule-${key}`}>
              <Form.Label className="small">{label}</Form.Label>
              <Form.Control
                type="number"
                size="sm"
                value={schedule[key]}
                onChange={(e) => setSchedule((s) => ({ ...s, [key]: Number(e.target.value) }))}
              />
            </Form.Group>
          </Col>
        ))}
      </Row>
      <Button onClick={handleSave} disabled={pending}>
        {pending ? "Saving…" : "Save schedule"}
      </Button>
    </section>
  );
}
