import { Alert, Container, Spinner } from "react-bootstrap";
import { Link } from "react-router-dom";

import { useAppointments } from "../features/booking/api";
import { AppointmentList } from "../features/booking/components/AppointmentList";
import { usePageTitle } from "../lib/usePageTitle";
import { useDisplayZone } from "../lib/time";

export function AppointmentsPage() {
  usePageTitle("My appointments");
  const zone = useDisplayZone();
  const upcoming = useAppointments("upcoming");
  const past = useAppointments("past");
  return (
    <Container className="py-4" style={{ maxWidth: 820 }}>
      <h1 className="h2">My appointments</h1>
      <h2 className="h5 mt-4">Coming up</h2>
      {upcoming.error && <Alert variant="danger">{upcoming.error.message}</Alert>}
      {!upcoming.data && !upcoming.error && <Spinner size="sm" role="status" aria-label="Loading" />}
      {upcoming.data && upcoming.data.results.length === 0 && (
        <p>
          Nothing booked. <Link to="/doctors">Find a dermatologist</Link>
        </p>
      )}
      {upcoming.data && <AppointmentList appointments={upcoming.data.results} zone={zone} />}
      <h2 className="h5 mt-4">Past and cancelled</h2>
      {past.data && past.data.results.length === 0 && <p className="text-body-secondary">None yet.</p>}
      {past.data && <AppointmentList appointments={past.data.results} zone={zone} />}
    </Container>
  );
}
