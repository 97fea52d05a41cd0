import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Badge, Button, Card, Col, Container, Form, Row, Spinner } from "react-bootstrap";
import { useNavigate, useParams } from "react-router-dom";

import { ClinicContact } from "../components/ClinicContact";
import { useDoctor, useJoinWaitlist } from "../features/doctors/api";
import { SlotPicker } from "../features/doctors/components/SlotPicker";
import { CONSULTATION_LABELS, fee } from "../features/doctors/labels";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";
import { useDisplayZone } from "../lib/time";

export function DoctorPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const zone = useDisplayZone();
  const { data: doctor, error } = useDoctor(id);
  usePageTitle(doctor?.display_name ?? "Dermatologist");
  const [waitlistReason, setWaitlistReason] = useState("");
  const waitlist = useJoinWaitlist();
  // Once sent, the answer replaces the form: it says you are on the list, or why not.
  const waitlistMessage = waitlist.isSuccess
    ? "You are on the waitlist: when a slot frees up, we hold it for you and email you."
    : (waitlist.error?.message ?? null);

  if (error) {
    return (
      <Container className="py-4">
        <Alert variant="danger">{error.status === 404 ? "We could not find this dermatologist." : error.message}</Alert>
      </Container>
    );
  }
  if (!doctor) {
    return (
      <Container className="py-4">
        <Spinner role="status" aria-label="Loading" />
      </Container>
    );
  }
  const types = [doctor.offers_in_person && "in_person", doctor.offers_video && "video"].filter(Boolean) as string[];
  const price = fee(doctor.fee_amount, doctor.fee_currency ?? "USD");

  function handleWaitlist(event: FormEvent) {
    event.preventDefault();
    waitlist.mutate({ doctorId: id, reason: waitlistReason, consultation_type: "" });
  }

  return (
    <Container className="py-4">
      <Row className="g-4">
        <Col lg={5}>
          <h1 className="h2 mb-1">{doctor.display_name}</h1>
          <p className="text-body-secondary">{doctor.credentials}</p>
          <p>
            {doctor.specialties.map((s) => (
              <Badge key={s.code} bg="light" text="dark" className="me-1 border">
                {s.name}
              </Badge>
            ))}
          </p>
          <p>{doctor.bio}</p>
          <dl className="small">
            <dt>Clinic</dt>
            <dd>
              <ClinicContact clinic={doctor} />
            </dd>
            <dt>Consultations</dt>
            <dd>
              {types.map((t) => CONSULTATION_LABELS[t]).join(", ")}
              {price && ` · ${price}`}
            </dd>
            <dt>Languages</dt>
            <dd>{doctor.languages.map((l) => l.name).join(", ")}</dd>
            {doctor.board_certification && (
              <>
                <dt>Board certification</dt>
                <dd>{doctor.board_certification}</dd>
              </>
            )}
            {doctor.licence_number && (
              <>
                <dt>Licence</dt>
                <dd>{doctor.licence_number}</dd>
              </>
            )}
            <dt>Clinic time zone</dt>
            <dd>{doctor.time_zone}</dd>
          </dl>
          {!doctor.accepting_new_patients && (
            <Alert variant="warning">Not taking new patients at the moment.</Alert>
          )}
        </Col>
        <Col lg={7}>
          <Card>
            <Card.Body>
              <h2 className="h4">Book an appointment</h2>
              <SlotPicker
                doctorId={doctor.id}
                doctorZone={doctor.time_zone}
                zone={zone}
                types={types}
                horizonDays={doctor.booking_horizon_days}
                cutoffHours={doctor.change_cutoff_hours}
                onPick={(slot) =>
                  navigate(
                    `/doctors/${doctor.id}/book?start=${encodeURIComponent(slot.start)}&type=${slot.consultation_type}`,
                  )
                }
              />
            </Card.Body>
          </Card>
          {user && (
            <Card className="mt-3">
              <Card.Body>
                <h2 className="h5">Nothing that suits you?</h2>
                {waitlistMessage ? (
                  <p role="status">{waitlistMessage}</p>
                ) : (
                  <Form onSubmit={handleWaitlist}>
                    <Form.Group controlId="waitlist-reason" className="mb-2">
                      <Form.Label>Join the waitlist: reason for your visit</Form.Label>
                      <Form.Control value={waitlistReason} onChange={(e) => setWaitlistReason(e.target.value)} />
                    </Form.Group>
                    <Button type="submit" variant="outline-primary" size="sm">
                      Join the waitlist
                    </Button>
                  </Form>
                )}
              </Card.Body>
            </Card>
          )}
        </Col>
      </Row>
    </Container>
  );
}
