import { Col, Container, Row, Spinner } from "react-bootstrap";
import { Link } from "react-router-dom";

import { useSkinProfile } from "../features/account/api";
import { useAnalyses, useSpotsToRecheck } from "../features/analysis/api";
import { useAppointments } from "../features/booking/api";
import { LatestResult, NextAppointment, SpotReminders, TodayRoutine } from "../features/dashboard/components/DashboardCards";
import { StartHere } from "../features/dashboard/components/StartHere";
import { useRecommendation } from "../features/routine/api";
import { useAuth } from "../lib/auth";
import { useDisplayZone } from "../lib/time";
import { usePageTitle } from "../lib/usePageTitle";

const MORE = [
  { to: "/history", title: "My history" },
  { to: "/products", title: "Find products" },
  { to: "/ingredients/check", title: "Check an ingredient list" },
  { to: "/appointments", title: "My appointments" },
  { to: "/profile", title: "Profile and reminders" },
];

/** Where a person starts: what to do first, then their latest result, today's routine, the
 * next appointment and the spots to photograph again. */
export function DashboardPage() {
  usePageTitle("Dashboard");
  const { user } = useAuth();
  const zone = useDisplayZone();
  const profile = useSkinProfile();
  const analyses = useAnalyses(10);
  const spots = useSpotsToRecheck();
  const routine = useRecommendation();
  const appointments = useAppointments("upcoming");

  const loading = !profile.data && !profile.error && !analyses.data && !analyses.error;
  const latest = analyses.data?.results.find((item) => item.status === "done") ?? null;
  const profileDone = Boolean(profile.data?.skin_type);
  const firstRun = !profileDone || !latest;
  const next = appointments.data?.results.find((item) => item.status === "booked") ?? null;

  return (
    <Container className="py-4 d-flex flex-column gap-3">
      <div>
        <h1 className="h2 mb-1">Hello{user?.display_name ? `, ${user.display_name}` : ""}</h1>
        {user?.role === "dermatologist" && (
          <p className="mb-0">
            Your bookings and shared analyses are in <Link to="/portal">your portal</Link>.
          </p>
        )}
      </div>
      {loading && <Spinner role="status" aria-label="Loading your dashboard" />}
      {!loading && firstRun && <StartHere profileDone={profileDone} photoDone={Boolean(latest)} />}
      <SpotReminders spots={spots.data ?? []} />
      <Row xs={1} lg={3} className="g-3">
        {latest && (
          <Col>
            <LatestResult item={latest} />
          </Col>
        )}
        {routine.data && (latest || profileDone) && (
          <Col>
            <TodayRoutine recommendation={routine.data} />
          </Col>
        )}
        {appointments.data && (
          <Col>
            <NextAppointment appointment={next} zone={zone} />
          </Col>
        )}
      </Row>
      <nav aria-label="More">
        <h2 className="h6 text-body-secondary">More</h2>
        <ul className="list-inline mb-0">
          {MORE.map((item) => (
            <li key={item.to} className="list-inline-item me-3 mb-2">
              <Link to={item.to}>{item.title}</Link>
            </li>
          ))}
          <li className="list-inline-item mb-2">
            <a href="/learn/">Learn about skin</a>
          </li>
        </ul>
      </nav>
    </Container>
  );
}
