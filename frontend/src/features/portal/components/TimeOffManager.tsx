import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Col, Form, ListGroup, Row } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { SavedAlert } from "../../../components/SavedAlert";
import { errorMessage } from "../../../lib/api";
import { formatDateTime } from "../../../lib/time";
import { useReveal } from "../../../lib/useReveal";
import { useAddTimeOff, useRemoveTimeOff } from "../api";
import type { TimeOff } from "../api";

/** Holidays and days away: whole days in the clinic's zone, or a time range. `items` is the
 * server's list (useTimeOff): each change asks for it again before saying it is done. */
export function TimeOffManager({ items, zone }: { items: TimeOff[]; zone: string }) {
  const [form, setForm] = useState({ start_date: "", end_date: "", start_time: "", end_time: "", note: "" });
  const add = useAddTimeOff();
  const remove = useRemoveTimeOff();
  const { isPending: pending, error } = add;
  // What just happened, shown above the list where it is brought into view (the buttons may
  // be a screen below it on a phone). An object, so a second change is revealed again.
  const [notice, setNotice] = useState<{ text: string } | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const removeErrorRef = useReveal<HTMLDivElement>(removeError);
  const span = (item: TimeOff) => `${formatDateTime(item.starts_at, zone)} → ${formatDateTime(item.ends_at, zone)}`;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    setRemoveError(null);
    add.mutate(
      {
        start_date: form.start_date,
        end_date: form.end_date || form.start_date,
        start_time: form.start_time || null,
        end_time: form.end_time || null,
        note: form.note,
      },
      {
        onSuccess: (created) => {
          setForm({ start_date: "", end_date: "", start_time: "", end_time: "", note: "" });
          setNotice({ text: `Time off added: ${span(created)}. No one can book you then.` });
        },
      },
    );
  }

  function handleRemove(item: TimeOff) {
    setNotice(null);
    setRemoveError(null);
    // Each removal answers for itself (mutate's callbacks would follow only the last one).
    void remove.mutateAsync(item.id).then(
      () => setNotice({ text: `Time off removed: ${span(item)}. Those hours are bookable again.` }),
      (caught: unknown) => setRemoveError(errorMessage(caught)),
    );
  }

  const field = (key: keyof typeof form, label: string, type: string) => (
    <Form.Group controlId={`timeoff-${key}`}>
      <Form.Label className="small">{label}</Form.Label>
      <Form.Control
        size="sm"
        type={type}
        value={form[key]}
        isInvalid={Boolean(error?.fieldError(key))}
        onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
      />
      <Form.Control.Feedback type="invalid">{error?.fieldError(key)}</Form.Control.Feedback>
    </Form.Group>
  );

  return (
    <section aria-label="Time off">
      <SavedAlert show={notice} onClose={() => setNotice(null)}>
        {notice?.text}
      </SavedAlert>
      {removeError && (
        <Alert ref={removeErrorRef} variant="danger" tabIndex={-1} className="ms-focus-target">
          {removeError}
        </Alert>
      )}
      {items.length === 0 ? (
        <p className="text-body-secondary">No time off planned.</p>
      ) : (
        <ListGroup className="mb-3">
          {items.map((item) => (
            <ListGroup.Item key={item.id} className="d-flex justify-content-between align-items-center gap-2">
              <span>
                {span(item)}
                {item.note && <span className="text-body-secondary"> · {item.note}</span>}
              </span>
              <Button size="sm" variant="outline-danger" onClick={() => handleRemove(item)}>
                Remove
              </Button>
            </ListGroup.Item>
          ))}
        </ListGroup>
      )}
      <Form onSubmit={handleSubmit} aria-label="Add time off">
        <FormAlert error={error} />
        <Row className="g-2">
          <Col xs={6} md={3}>{field("start_date", "First day", "date")}</Col>
          <Col xs={6} md={3}>{field("end_date", "Last day", "date")}</Col>
          <Col xs={6} md={2}>{field("start_time", "From (optional)", "time")}</Col>
          <Col xs={6} md={2}>{field("end_time", "To (optional)", "time")}</Col>
          <Col xs={12} md={2}>{field("note", "Note", "text")}</Col>
        </Row>
        <Button type="submit" size="sm" className="mt-2" disabled={pending}>
          Add time off
        </Button>
      </Form>
    </section>
  );
}
