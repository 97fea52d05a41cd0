import { useMemo, useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Form } from "react-bootstrap";

import { FormAlert } from "../../../components/FormAlert";
import { formatDateTime, formatTime, insideChangeCutoff } from "../../../lib/time";
import { useBookAppointment, useMyDoneAnalyses, newIdempotencyKey } from "../api";
import type { Appointment } from "../api";
import { AnalysisChoice } from "./AnalysisChoice";
import { CONSULTATION_LABELS } from "../../doctors/labels";

interface Props {
  doctorId: string;
  doctorName: string;
  shareDays: number;
  /** Bookings can be changed online until this many hours before they start. */
  cutoffHours: number;
  start: string;
  consultationType: string;
  zone: string;
  onBooked: (appointment: Appointment) => void;
  onPickAnother: (start: string) => void;
  /** Filled in from a result's "Book a dermatologist"; the patient can change both. */
  initialReason?: string;
  initialShared?: string[];
}

interface NextSlot {
  start: string;
  consultation_type: string;
}

/** The confirm step: a reason for the visit, then one booking (retries reuse the key). */
export function BookingConfirmForm(props: Props) {
  const { doctorId, doctorName, shareDays, cutoffHours, start, consultationType, zone, onBooked, onPickAnother } =
    props;
  // Booked this close to its start, a visit cannot be moved or cancelled online: the patient
  // says they understand before the button books it.
  const final = insideChangeCutoff(start, cutoffHours);
  const [understood, setUnderstood] = useState(false);
  const [reason, setReason] = useState(props.initialReason ?? "");
  const [shared, setShared] = useState<string[]>(props.initialShared ?? []);
  const myAnalyses = useMyDoneAnalyses().data?.results ?? [];
  // One key for this slot: pressing "Confirm" twice, or a retry after a lost answer, books once.
  const key = useMemo(() => newIdempotencyKey(), [start, consultationType]);
  const booking = useBookAppointment();
  const { isPending: pending, error } = booking;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    booking.mutate(
      {
        booking: { doctor: doctorId, start, consultation_type: consultationType, reason, shared_analyses: shared },
        idempotencyKey: key,
      },
      { onSuccess: (appointment) => onBooked(appointment) },
    );
  }

  const nextSlots = (error?.code === "slot_taken" ? (error.body.next_slots as NextSlot[]) : []) ?? [];

  return (
    <Form onSubmit={handleSubmit} noValidate aria-label="Confirm booking">
      <dl className="row mb-3">
        <dt className="col-sm-3">Doctor</dt>
        <dd className="col-sm-9">{doctorName}</dd>
        <dt className="col-sm-3">When</dt>
        <dd className="col-sm-9">
          {formatDateTime(start, zone)} <span className="text-body-secondary">({zone})</span>
        </dd>
        <dt className="col-sm-3">Consultation</dt>
        <dd className="col-sm-9">{CONSULTATION_LABELS[consultationType]}</dd>
      </dl>
      <FormAlert error={error} />
      {nextSlots.length > 0 && (
        <Alert variant="info" role="status">
          <p className="mb-2">Free times soon after:</p>
          <div className="d-flex flex-wrap gap-2">
            {nextSlots.map((slot) => (
              <Button key={slot.start} size="sm" variant="outline-primary" onClick={() => onPickAnother(slot.start)}>
                {formatDateTime(slot.start, zone)}
              </Button>
            ))}
          </div>
        </Alert>
      )}
      <Form.Group className="mb-3" controlId="field-reason">
        <Form.Label>Reason for your visit</Form.Label>
        <Form.Control
          as="textarea"
          rows={3}
          maxLength={1000}
          value={reason}
          isInvalid={Boolean(error?.fieldError("reason"))}
          onChange={(event) => setReason(event.target.value)}
          aria-describedby="reason-help"
          required
        />
        <Form.Text id="reason-help" muted>
          A few words for the doctor, e.g. “a mole on my back has grown”.
        </Form.Text>
        <Form.Control.Feedback type="invalid">{error?.fieldError("reason")}</Form.Control.Feedback>
      </Form.Group>
      <AnalysisChoice analyses={myAnalyses} selected={shared} doctorName={doctorName} shareDays={shareDays} onChange={setShared} />
      {error?.fieldError("shared_analyses") && (
        <p className="text-danger small">{error.fieldError("shared_analyses")}</p>
      )}
      {final ? (
        <Alert variant="warning" className="mb-3">
          <p className="fw-semibold mb-1">This visit starts in less than {cutoffHours} hours.</p>
          <p className="mb-2">
            Once booked, you cannot move or cancel it online: only by calling the clinic.
          </p>
          <Form.Check
            id="final-understood"
            checked={understood}
            onChange={(event) => setUnderstood(event.target.checked)}
            label="I understand: I can't change this booking online"
          />
        </Alert>
      ) : (
        <p className="small text-body-secondary">
          You can move or cancel online up to {cutoffHours} hours before. We email you a confirmation with a
          calendar file.
        </p>
      )}
      <Button type="submit" disabled={pending || (final && !understood)}>
        {pending ? "Booking…" : `Confirm ${formatTime(start, zone)} booking`}
      </Button>
    </Form>
  );
}
