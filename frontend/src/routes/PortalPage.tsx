import { Alert, Container, Spinner, Tab, Tabs } from "react-bootstrap";

import { usePortalProfile, useSchedule, useTimeOff, usePortalAppointments } from "../features/portal/api";
import { ContactSettings } from "../features/portal/components/ContactSettings";
import { PortalAppointmentCard } from "../features/portal/components/PortalAppointmentCard";
import { ScheduleEditor } from "../features/portal/components/ScheduleEditor";
import { TimeOffManager } from "../features/portal/components/TimeOffManager";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

const WHEN_TITLES = { today: "Today's appointments", upcoming: "Upcoming appointments", past: "Past appointments" };

function AppointmentsTab({ when, zone }: { when: "today" | "upcoming" | "past"; zone: string }) {
  const { data, error } = usePortalAppointments(when);
  if (error) return <Alert variant="danger">{error.message}</Alert>;
  if (!data) return <Spinner size="sm" role="status" aria-label="Loading" />;
  if (data.results.length === 0) return <p className="text-body-secondary">No appointments.</p>;
  return (
    <>
      {/* Names the pane for screen readers, so each card's h3 sits under an h2. */}
      <h2 className="visually-hidden">{WHEN_TITLES[when]}</h2>
      {data.results.map((appointment) => (
        <PortalAppointmentCard key={appointment.id} appointment={appointment} zone={zone} />
      ))}
    </>
  );
}

/** /portal: the dermatologist's day, their patients' reasons and shared analyses, their week. */
export function PortalPage() {
  usePageTitle("Doctor portal");
  const { user } = useAuth();
  const schedule = useSchedule();
  const timeOff = useTimeOff();
  const contact = usePortalProfile();
  if (user?.role !== "dermatologist") {
    return (
      <Container className="py-4">
        <Alert variant="info">The portal is for dermatologists. Sign in with your doctor account.</Alert>
      </Container>
    );
  }
  if (schedule.error) {
    return (
      <Container className="py-4">
        <Alert variant="danger">{schedule.error.message}</Alert>
      </Container>
    );
  }
  const zone = schedule.data?.time_zone ?? "UTC";
  return (
    <Container className="py-4">
      <h1 className="h2">Doctor portal</h1>
      <p className="text-body-secondary">Times in your clinic's zone: {zone}.</p>
      {!schedule.data ? (
        <Spinner role="status" aria-label="Loading" />
      ) : (
        <Tabs defaultActiveKey="today" className="mb-3" mountOnEnter>
          <Tab eventKey="today" title="Today">
            <AppointmentsTab when="today" zone={zone} />
          </Tab>
          <Tab eventKey="upcoming" title="Upcoming">
            <AppointmentsTab when="upcoming" zone={zone} />
          </Tab>
          <Tab eventKey="past" title="Past">
            <AppointmentsTab when="past" zone={zone} />
          </Tab>
          <Tab eventKey="schedule" title="Weekly schedule">
            <ScheduleEditor initial={schedule.data} />
          </Tab>
          <Tab eventKey="time-off" title="Time off">
            {timeOff.data ? <TimeOffManager items={timeOff.data} zone={zone} /> : <Spinner size="sm" />}
          </Tab>
          <Tab eventKey="details" title="Your details">
            {contact.data ? <ContactSettings initial={contact.data} /> : <Spinner size="sm" role="status" aria-label="Loading" />}
          </Tab>
        </Tabs>
      )}
    </Container>
  );
}
