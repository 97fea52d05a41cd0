import { Badge } from "react-bootstrap";

import { ClinicContact } from "../../../components/ClinicContact";
import { formatDateTime, formatTime } from "../../../lib/time";
import type { Appointment } from "../api";
import { CONSULTATION_LABELS } from "../../doctors/labels";
import { STATUS_LABELS, STATUS_VARIANTS } from "../labels";

export function AppointmentSummary({ appointment, zone }: { appointment: Appointment; zone: string }) {
  const doctor = appointment.doctor;
  const video = appointment.consultation_type === "video";
  return (
    <dl className="row mb-0">
      <dt className="col-sm-3">Status</dt>
      <dd className="col-sm-9">
        <Badge bg={STATUS_VARIANTS[appointment.status]}>{STATUS_LABELS[appointment.status]}</Badge>
      </dd>
      <dt className="col-sm-3">Doctor</dt>
      <dd className="col-sm-9">{doctor.display_name}</dd>
      <dt className="col-sm-3">When</dt>
      <dd className="col-sm-9">
        {formatDateTime(appointment.start, zone)}–{formatTime(appointment.end, zone)}{" "}
        <span className="text-body-secondary">({zone})</span>
      </dd>
      <dt className="col-sm-3">Consultation</dt>
      <dd className="col-sm-9">{CONSULTATION_LABELS[appointment.consultation_type]}</dd>
      {video && appointment.status !== "cancelled" && (
        <>
          <dt className="col-sm-3">Join</dt>
          <dd className="col-sm-9">
            {appointment.joining_link ? (
              <>
                <a className="btn btn-primary btn-sm" href={appointment.joining_link} target="_blank" rel="noreferrer">
                  Join the video visit
                </a>
                <span className="d-block small text-break mt-1">{appointment.joining_link}</span>
              </>
            ) : (
              <span className="text-body-secondary">Your doctor will add the joining link here before the visit.</span>
            )}
          </dd>
        </>
      )}
      <dt className="col-sm-3">{video ? "Clinic" : "Where"}</dt>
      <dd className="col-sm-9">
        <ClinicContact clinic={doctor} />
      </dd>
      <dt className="col-sm-3">Reason</dt>
      <dd className="col-sm-9">{appointment.reason}</dd>
      {appointment.status === "cancelled" && appointment.cancel_reason && (
        <>
          <dt className="col-sm-3">Why cancelled</dt>
          <dd className="col-sm-9">{appointment.cancel_reason}</dd>
        </>
      )}
    </dl>
  );
}
