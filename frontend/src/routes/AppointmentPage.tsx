import { useEffect, useRef, useState } from "react";
import { Alert, Button, Card, Container, Spinner } from "react-bootstrap";
import { Link, useParams, useSearchParams } from "react-router-dom";

import { ConfirmDialog } from "../components/ConfirmDialog";
import { errorMessage } from "../lib/api";
import {
  icsUrl,
  useAcceptOffer,
  useAppointment,
  useCancelAppointment,
  useMyDoneAnalyses,
  useRescheduleAppointment,
  useStopSharing,
} from "../features/booking/api";
import type { Appointment } from "../features/booking/api";
import { AppointmentSummary } from "../features/booking/components/AppointmentSummary";
import type { Slot } from "../features/doctors/api";
import { SlotPicker } from "../features/doctors/components/SlotPicker";
import { reveal } from "../lib/useReveal";
import { usePageTitle } from "../lib/usePageTitle";
import { formatDateTime, insideChangeCutoff, useDisplayZone } from "../lib/time";

/** The confirmation page: see, add to a calendar, move or cancel a booking. */
export function AppointmentPage() {
  usePageTitle("Your appointment");
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const zone = useDisplayZone();
  // A change answers with the appointment as it now is: the hook puts it in this query.
  const { data: appointment, error } = useAppointment(id);
  const cancel = useCancelAppointment();
  const reschedule = useRescheduleAppointment();
  const accept = useAcceptOffer();
  const stopSharing = useStopSharing();
  const [notice, setNotice] = useState<string | null>(params.get("booked") ? "You are booked. We have emailed you a confirmation with a calendar file." : null);
  const [problem, setProblem] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [proposed, setProposed] = useState<Slot | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const busy = [cancel, reschedule, accept, stopSharing].some((change) => change.isPending);
  const myAnalyses = useMyDoneAnalyses().data?.results ?? [];
  // On a phone the picker and the answer can be a screen away from the button pressed:
  // bring each into view and move the focus there, so nobody has to hunt for it.
  const pickerRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (moving && !proposed) reveal(pickerRef.current, "start");
  }, [moving, proposed]);
  useEffect(() => {
    if (proposed) reveal(confirmRef.current, "start");
  }, [proposed]);
  useEffect(() => {
    if (notice || problem) reveal(messageRef.current, "start");
  }, [notice, problem]);

  if (error) {
    return (
      <Container className="py-4">
        <Alert variant="danger">{error.status === 404 ? "We could not find this appointment." : error.message}</Alert>
      </Container>
    );
  }
  if (!appointment) {
    return (
      <Container className="py-4">
        <Spinner role="status" aria-label="Loading" />
      </Container>
    );
  }

  async function act(action: Promise<Appointment>, message: string) {
    setProblem(null);
    setNotice(null);
    try {
      await action;
      setNotice(message);
      setMoving(false);
      setProposed(null);
    } catch (caught) {
      setProblem(errorMessage(caught));
    }
  }

  const current = appointment;
  const active = current.status === "booked" || current.status === "offered";
  const cutoffHours = Math.round((Date.parse(current.start) - Date.parse(current.change_deadline)) / 3600_000);
  const phone = current.doctor.clinic_phone;

  return (
    <Container className="py-4" style={{ maxWidth: 820 }}>
      <h1 className="h2">Your appointment</h1>
      <div ref={messageRef} tabIndex={-1} className="ms-focus-target">
        {notice && (
          <Alert variant="success" role="status">
            {notice}
          </Alert>
        )}
        {problem && (
          <Alert variant="danger" role="alert">
            {problem}
          </Alert>
        )}
      </div>
      {current.status === "offered" && current.offer_expires_at && (
        <Alert variant="warning">
          A slot opened up and we are holding it for you until {formatDateTime(current.offer_expires_at, zone)}.
        </Alert>
      )}
      <Card className="mb-3">
        <Card.Body>
          <AppointmentSummary appointment={current} zone={zone} />
        </Card.Body>
      </Card>
      {current.shared_analyses.length > 0 && (
        <Card className="mb-3">
          <Card.Body>
            <h2 className="h6">Shared with {current.doctor.display_name}</h2>
            <ul className="list-unstyled mb-0">
              {current.shared_analyses.map((analysisId) => {
                const analysis = myAnalyses.find((item) => item.id === analysisId);
                return (
                  <li key={analysisId} className="d-flex flex-wrap align-items-center gap-2 mb-2">
                    <Link to={`/analyses/${analysisId}`}>
                      Analysis{analysis ? ` of ${formatDateTime(analysis.created_at, zone)}` : ""}
                    </Link>
                    <Button
                      size="sm"
                      variant="outline-secondary"
                      onClick={() => act(stopSharing.mutateAsync({ id: current.id, analysisId }), "The doctor can no longer see that analysis.")}
                    >
                      Stop sharing
                    </Button>
                  </li>
                );
              })}
            </ul>
          </Card.Body>
        </Card>
      )}
      <div className="d-flex flex-wrap gap-2 mb-3">
        {current.status !== "cancelled" && (
          <a className="btn btn-outline-primary" href={icsUrl(current.id)}>
            Add to my calendar (.ics)
          </a>
        )}
        {current.status === "offered" && (
          <Button onClick={() => act(accept.mutateAsync(current.id), "Booked: the slot is yours.")}>Accept this slot</Button>
        )}
        {active && current.can_change && current.status === "booked" && (
          <Button
            variant="outline-primary"
            aria-expanded={moving}
            onClick={() => {
              setProposed(null);
              setMoving(!moving);
            }}
          >
            Reschedule
          </Button>
        )}
        {active && current.can_change && (
          <Button
            variant="outline-danger"
            onClick={() => setCancelling(true)}
          >
            {current.status === "offered" ? "Decline" : "Cancel appointment"}
          </Button>
        )}
        <ConfirmDialog
          show={cancelling}
          title={current.status === "offered" ? "Decline this slot?" : "Cancel this appointment?"}
          confirmLabel={current.status === "offered" ? "Yes, decline it" : "Yes, cancel it"}
          cancelLabel="Keep it"
          pending={busy}
          onConfirm={() => {
            setCancelling(false);
            void act(cancel.mutateAsync(current.id), "Your appointment is cancelled.");
          }}
          onCancel={() => setCancelling(false)}
        >
          {formatDateTime(current.start, zone)} with {current.doctor.display_name}.
        </ConfirmDialog>
        <Link className="btn btn-link" to="/appointments">
          All my appointments
        </Link>
      </div>
      {active && !current.can_change && (
        <p className="small">
          It is less than {cutoffHours} hours to go, so it can no longer be changed online: to change it now,
          please call the clinic{phone ? ` on ${phone}` : ""}.
        </p>
      )}
      {current.status === "booked" && current.can_change && (
        <p className="small text-body-secondary">You can move or cancel online until {formatDateTime(current.change_deadline, zone)}.</p>
      )}
      {moving && proposed && (
        <Card border="primary" aria-labelledby="confirm-move">
          <Card.Body>
            <h2 className="h5 ms-focus-target" id="confirm-move" ref={confirmRef} tabIndex={-1}>
              Move your appointment?
            </h2>
            <dl className="row mb-2">
              <dt className="col-4">From</dt>
              <dd className="col-8">{formatDateTime(current.start, zone)}</dd>
              <dt className="col-4">To</dt>
              <dd className="col-8 fw-semibold">{formatDateTime(proposed.start, zone)}</dd>
            </dl>
            {insideChangeCutoff(proposed.start, cutoffHours) && (
              <Alert variant="warning" className="py-2">
                The new time is less than {cutoffHours} hours away: once moved, it cannot be changed or
                cancelled online again.
              </Alert>
            )}
            <div className="d-flex flex-wrap gap-2">
              <Button
                disabled={busy}
                onClick={() =>
                  act(
                    reschedule.mutateAsync({
                      id: current.id,
                      start: proposed.start,
                      consultationType: proposed.consultation_type,
                    }),
                    `Moved to ${formatDateTime(proposed.start, zone)}. We have emailed you the new details.`,
                  )
                }
              >
                {busy ? "Moving…" : `Yes, move it to ${formatDateTime(proposed.start, zone)}`}
              </Button>
              <Button variant="outline-secondary" onClick={() => setProposed(null)}>
                Pick another time
              </Button>
            </div>
          </Card.Body>
        </Card>
      )}
      {moving && !proposed && (
        <Card>
          <Card.Body>
            <h2 className="h5 ms-focus-target" ref={pickerRef} tabIndex={-1}>
              Pick a new time
            </h2>
            <SlotPicker
              doctorId={current.doctor.id}
              doctorZone={current.doctor.time_zone}
              zone={zone}
              types={[current.consultation_type]}
              pickLabel="Move to"
              cutoffHours={cutoffHours}
              onPick={setProposed}
            />
          </Card.Body>
        </Card>
      )}
    </Container>
  );
}
