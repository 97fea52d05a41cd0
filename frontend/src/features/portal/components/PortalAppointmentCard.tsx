import { useState } from "react";
import { Alert, Badge, Button, Card, Form } from "react-bootstrap";

import { errorMessage } from "../../../lib/api";
import { formatDateTime, formatTime } from "../../../lib/time";
import { CONSULTATION_LABELS } from "../../doctors/labels";
import { useDoctorCancel, useMarkAppointment, useSaveNotes, useSaveVideoLink } from "../api";
import type { PortalAppointment } from "../api";
import { SharedAnalyses } from "./SharedAnalyses";

const STATUS: Record<string, [string, string]> = {
  offered: ["Offered from waitlist", "warning"],
  booked: ["Booked", "success"],
  cancelled: ["Cancelled", "secondary"],
  completed: ["Completed", "info"],
  no_show: ["No-show", "danger"],
};

/** One appointment as the doctor sees it: patient, reason, shared analyses, notes, actions.
 * `appointment` is the list's copy, which each change replaces with the server's answer. */
export function PortalAppointmentCard({ appointment, zone }: { appointment: PortalAppointment; zone: string }) {
  const [notes, setNotes] = useState(appointment.doctor_notes);
  const [videoLink, setVideoLink] = useState(appointment.video_link);
  const saveNotes = useSaveNotes();
  const saveVideoLink = useSaveVideoLink();
  const mark = useMarkAppointment();
  const cancel = useDoctorCancel();
  const [cancelReason, setCancelReason] = useState("");
  const [showCancel, setShowCancel] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const started = new Date(appointment.start).getTime() <= Date.now();
  const [label, variant] = STATUS[appointment.status];

  /** One action, then what came of it in the card's message line. */
  function run(action: Promise<PortalAppointment>, done: string) {
    setMessage(null);
    void action.then(
      () => setMessage({ ok: true, text: done }),
      (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }),
    );
  }

  return (
    <Card as="article" className="mb-3" aria-label={`Appointment with ${appointment.patient.display_name}`}>
      <Card.Body>
        <div className="d-flex flex-wrap justify-content-between gap-2">
          <div>
            <h3 className="h5 mb-1">{appointment.patient.display_name}</h3>
            <p className="mb-1">
              {formatDateTime(appointment.start, zone)}–{formatTime(appointment.end, zone)} ·{" "}
              {CONSULTATION_LABELS[appointment.consultation_type]}
            </p>
          </div>
          <Badge bg={variant} className="align-self-start">
            {label}
          </Badge>
        </div>
        <p className="mb-2">
          <strong>Reason:</strong> {appointment.reason}
        </p>
        <h4 className="h6 mb-1">Shared analyses</h4>
        <SharedAnalyses ids={appointment.shared_analyses} />
        {message && (
          <Alert variant={message.ok ? "success" : "danger"} className="py-2" role="status">
            {message.text}
          </Alert>
        )}
        {appointment.consultation_type === "video" && ["booked", "offered"].includes(appointment.status) && (
          <Form
            className="mb-3"
            onSubmit={(event) => {
              event.preventDefault();
              run(saveVideoLink.mutateAsync({ id: appointment.id, videoLink }), "Joining link saved; the patient sees it now.");
            }}
          >
            <Form.Group className="mb-2" controlId={`video-link-${appointment.id}`}>
              <Form.Label className="small">Joining link for this visit</Form.Label>
              <Form.Control
                type="url"
                inputMode="url"
                value={videoLink}
                placeholder={appointment.joining_link || "https://"}
                onChange={(e) => setVideoLink(e.target.value)}
                aria-describedby={`video-link-help-${appointment.id}`}
              />
              <Form.Text id={`video-link-help-${appointment.id}`} muted>
                {appointment.video_link
                  ? "This visit's own link."
                  : appointment.joining_link
                    ? "Empty: the patient gets your default link."
                    : "No link yet: add one here or a default one under “Your details”."}
              </Form.Text>
            </Form.Group>
            <Button type="submit" size="sm" variant="outline-primary">
              Save link
            </Button>
          </Form>
        )}
        <Form.Group className="mb-2" controlId={`notes-${appointment.id}`}>
          <Form.Label className="small">Private notes (never shown to the patient)</Form.Label>
          <Form.Control as="textarea" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Form.Group>
        <div className="d-flex flex-wrap gap-2">
          <Button size="sm" variant="outline-primary" onClick={() => run(saveNotes.mutateAsync({ id: appointment.id, doctorNotes: notes }), "Notes saved.")}>
            Save notes
          </Button>
          {started && ["booked", "completed", "no_show"].includes(appointment.status) && (
            <>
              <Button size="sm" variant="outline-success" onClick={() => run(mark.mutateAsync({ id: appointment.id, status: "completed" }), "Marked completed.")}>
                Completed
              </Button>
              <Button size="sm" variant="outline-danger" onClick={() => run(mark.mutateAsync({ id: appointment.id, status: "no_show" }), "Marked as a no-show.")}>
                No-show
              </Button>
            </>
          )}
          {["booked", "offered"].includes(appointment.status) && (
            <Button size="sm" variant="outline-secondary" aria-expanded={showCancel} onClick={() => setShowCancel(!showCancel)}>
              Cancel…
            </Button>
          )}
        </div>
        {showCancel && (
          <Form
            className="mt-2"
            onSubmit={(event) => {
              event.preventDefault();
              run(cancel.mutateAsync({ id: appointment.id, reason: cancelReason }), "Cancelled; the patient is told by email.");
            }}
          >
            <Form.Group controlId={`cancel-${appointment.id}`}>
              <Form.Label className="small">Reason for the patient</Form.Label>
              <Form.Control value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} />
            </Form.Group>
            <Button type="submit" size="sm" variant="danger" className="mt-2">
              Cancel this appointment
            </Button>
          </Form>
        )}
      </Card.Body>
    </Card>
  );
}
