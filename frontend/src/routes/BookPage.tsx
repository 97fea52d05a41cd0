import { Alert, Card, Container, Spinner } from "react-bootstrap";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";

import { BookingConfirmForm } from "../features/booking/components/BookingConfirmForm";
import { clearBookingIntent, readBookingIntent } from "../features/booking/intent";
import { useDoctor } from "../features/doctors/api";
import { usePageTitle } from "../lib/usePageTitle";
import { useDisplayZone } from "../lib/time";

/** The confirm step: /doctors/:id/book?start=<ISO>&type=<in_person|video>. */
export function BookPage() {
  usePageTitle("Confirm your booking");
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const zone = useDisplayZone();
  const { data: doctor, error } = useDoctor(id);
  const start = params.get("start") ?? "";
  const type = params.get("type") ?? "in_person";
  const intent = readBookingIntent();

  return (
    <Container className="py-4" style={{ maxWidth: 720 }}>
      <h1 className="h2">Confirm your booking</h1>
      {error && <Alert variant="danger">{error.message}</Alert>}
      {!start && <Alert variant="warning">Pick a time first.</Alert>}
      {!doctor && !error && <Spinner role="status" aria-label="Loading" />}
      {doctor && start && (
        <Card>
          <Card.Body>
            <BookingConfirmForm
              doctorId={doctor.id}
              doctorName={doctor.display_name}
              shareDays={doctor.share_days_after_visit}
              cutoffHours={doctor.change_cutoff_hours}
              start={start}
              consultationType={type}
              zone={zone}
              initialReason={intent?.reason}
              initialShared={intent ? [intent.analysisId] : undefined}
              onBooked={(appointment) => {
                clearBookingIntent();
                navigate(`/appointments/${appointment.id}?booked=1`);
              }}
              onPickAnother={(next) => setParams({ start: next, type })}
            />
          </Card.Body>
        </Card>
      )}
      <p className="mt-3">
        <Link to={`/doctors/${id}`}>← Back to other times</Link>
      </p>
    </Container>
  );
}
