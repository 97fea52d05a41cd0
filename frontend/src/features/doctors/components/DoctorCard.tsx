import { Badge, Card } from "react-bootstrap";
import { Link } from "react-router-dom";

import { formatDateTime, formatDay, formatTime, insideChangeCutoff } from "../../../lib/time";
import type { DirectoryDoctor } from "../api";
import { CONSULTATION_LABELS, fee, initials } from "../labels";

/** One doctor in the directory, with their soonest free slots in the reader's zone. */
export function DoctorCard({ doctor, zone }: { doctor: DirectoryDoctor; zone: string }) {
  const price = fee(doctor.fee_amount, doctor.fee_currency ?? "USD");
  const finalNoteId = `final-note-${doctor.id}`;
  const types = [doctor.offers_in_person && "in_person", doctor.offers_video && "video"].filter(
    Boolean,
  ) as string[];
  return (
    <Card className="h-100" as="article" aria-labelledby={`doctor-${doctor.id}`}>
      <Card.Body className="d-flex gap-3">
        <div
          aria-hidden="true"
          className="rounded-circle bg-primary-subtle text-primary-emphasis fw-bold d-flex align-items-center justify-content-center flex-shrink-0"
          style={{ width: 56, height: 56 }}
        >
          {initials(doctor.first_name, doctor.last_name)}
        </div>
        <div className="flex-grow-1 min-w-0">
          <h2 className="h5 mb-1" id={`doctor-${doctor.id}`}>
            <Link to={`/doctors/${doctor.id}`}>{doctor.display_name}</Link>
            {doctor.credentials && (
              <span className="text-body-secondary small fw-normal">, {doctor.credentials}</span>
            )}
          </h2>
          <p className="mb-1 small">
            {doctor.clinic_name} · {doctor.city}
            {doctor.distance_km != null && <> · {doctor.distance_km} km away</>}
          </p>
          <p className="mb-2 small">
            {doctor.specialties.map((s) => (
              <Badge key={s.code} bg="light" text="dark" className="me-1 border">
                {s.name}
              </Badge>
            ))}
          </p>
          <p className="mb-2 small text-body-secondary">
            {types.map((t) => CONSULTATION_LABELS[t]).join(" or ")}
            {price && <> · {price}</>}
            {doctor.rating && (
              <>
                {" "}
                · ★ {doctor.rating} ({doctor.rating_count})
              </>
            )}
            {!doctor.accepting_new_patients && <> · not taking new patients</>}
          </p>
          {doctor.next_slots.length > 0 ? (
            <div>
              <p className="small mb-1">
                Soonest: <strong>{formatDateTime(doctor.next_slots[0].start, zone)}</strong>
              </p>
              <div className="d-flex flex-wrap gap-2">
                {doctor.next_slots.map((slot) => {
                  const final = insideChangeCutoff(slot.start, doctor.change_cutoff_hours);
                  return (
                    // The day is for screen readers; the visible words stay in the name so
                    // voice control finds the link by what it shows.
                    <Link
                      key={slot.start + slot.consultation_type}
                      className={`btn btn-sm ${final ? "btn-outline-dark" : "btn-outline-primary"}`}
                      to={`/doctors/${doctor.id}/book?start=${encodeURIComponent(slot.start)}&type=${slot.consultation_type}`}
                      aria-describedby={final ? finalNoteId : undefined}
                    >
                      <span className="visually-hidden">Book {formatDay(slot.start, zone)} at</span>{" "}
                      {formatTime(slot.start, zone)}
                      {slot.consultation_type === "video" && " video"}
                      {final && " · final"}
                    </Link>
                  );
                })}
              </div>
              {doctor.next_slots.some((slot) => insideChangeCutoff(slot.start, doctor.change_cutoff_hours)) && (
                <p className="small mt-2 mb-0 border-start border-3 border-warning ps-2" id={finalNoteId}>
                  <strong>final</strong>: starts within {doctor.change_cutoff_hours} hours; once booked it cannot
                  be moved or cancelled online.
                </p>
              )}
            </div>
          ) : (
            <p className="small text-body-secondary mb-0">No free slot in the next two weeks.</p>
          )}
        </div>
      </Card.Body>
    </Card>
  );
}
