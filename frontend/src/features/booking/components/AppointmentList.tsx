import { Badge, ListGroup } from "react-bootstrap";
import { Link } from "react-router-dom";

import { formatDateTime } from "../../../lib/time";
import type { Appointment } from "../api";
import { CONSULTATION_LABELS } from "../../doctors/labels";
import { STATUS_LABELS, STATUS_VARIANTS } from "../labels";

export function AppointmentList({ appointments, zone }: { appointments: Appointment[]; zone: string }) {
  return (
    <ListGroup>
      {appointments.map((appointment) => (
        <ListGroup.Item
          key={appointment.id}
          action
          as={Link}
          to={`/appointments/${appointment.id}`}
          className="d-flex flex-wrap justify-content-between gap-2"
        >
          <span>
            <strong>{formatDateTime(appointment.start, zone)}</strong>
            <br />
            {appointment.doctor.display_name} · {CONSULTATION_LABELS[appointment.consultation_type]}
          </span>
          <Badge bg={STATUS_VARIANTS[appointment.status]} className="align-self-center">
            {STATUS_LABELS[appointment.status]}
          </Badge>
        </ListGroup.Item>
      ))}
    </ListGroup>
  );
}
