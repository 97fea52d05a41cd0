import { useMemo } from "react";
import { Alert, Button, Col, Container, Row, Spinner } from "react-bootstrap";
import { useSearchParams } from "react-router-dom";

import { useDoctors, useLanguages, useSpecialties } from "../features/doctors/api";
import type { DirectoryFilters as Filters } from "../features/doctors/api";
import { DirectoryFilters } from "../features/doctors/components/DirectoryFilters";
import { DoctorCard } from "../features/doctors/components/DoctorCard";
import { readBookingIntent } from "../features/booking/intent";
import { usePageTitle } from "../lib/usePageTitle";
import { useDisplayZone } from "../lib/time";

const KEYS: (keyof Filters)[] = [
  "specialty",
  "language",
  "consultation_type",
  "postcode",
  "near",
  "radius_km",
  "sort",
  "q",
  "available_by",
  "page",
];

function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long" }).format(new Date(year, month - 1, day));
}

/** /doctors?specialty=<code>&sort=soonest — the referral link from recommendations lands here. */
export function DoctorsPage() {
  usePageTitle("Find a dermatologist");
  const zone = useDisplayZone();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const value: Filters = {};
    for (const key of KEYS) {
      const v = params.get(key);
      if (v) value[key] = v;
    }
    return value;
  }, [params]);
  const { data, error } = useDoctors(filters);
  const specialties = useSpecialties().data ?? [];
  const languages = useLanguages().data ?? [];
  const page = Number(filters.page ?? "1");

  function apply(next: Filters) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value && key !== "page") query.set(key, value);
    setParams(query);
  }

  function goTo(nextPage: number) {
    const query = new URLSearchParams(params);
    query.set("page", String(nextPage));
    setParams(query);
  }

  const specialtyName = specialties.find((s) => s.code === filters.specialty)?.name;
  const intent = readBookingIntent();

  function anyDate() {
    const query = new URLSearchParams(params);
    query.delete("available_by");
    query.delete("page");
    setParams(query);
  }

  return (
    <Container className="py-4">
      <h1 className="h2">Find a dermatologist</h1>
      <p className="text-body-secondary">
        {specialtyName ? `${specialtyName}: board-certified` : "Board-certified"} dermatologists, soonest free
        slot first.
        Times are shown in your time zone ({zone}).
      </p>
      {intent && (
        <Alert variant="info" className="py-2">
          Booking about your analysis
          {intent.analysisDate ? ` of ${longDate(intent.analysisDate.slice(0, 10))}` : ""}: the reason and the
          analysis to share will be filled in for you on the booking form.
        </Alert>
      )}
      {filters.available_by && (
        <p className="d-flex flex-wrap align-items-center gap-2">
          <span>
            Showing dermatologists with a free slot by <strong>{longDate(filters.available_by)}</strong>, as your
            result asks.
          </span>
          <Button variant="link" className="p-0" onClick={anyDate}>
            Show any date
          </Button>
        </p>
      )}
      <DirectoryFilters
        key={params.toString()}
        value={filters}
        specialties={specialties}
        languages={languages}
        onChange={apply}
      />
      {error && <Alert variant="danger">{error.message}</Alert>}
      {!data && !error && <Spinner role="status" aria-label="Loading dermatologists" />}
      {data && (
        <>
          <p className="small" role="status">
            {data.count === 1 ? "1 dermatologist" : `${data.count} dermatologists`}
          </p>
          <Row xs={1} lg={2} className="g-3">
            {data.results.map((doctor) => (
              <Col key={doctor.id}>
                <DoctorCard doctor={doctor} zone={zone} />
              </Col>
            ))}
          </Row>
          <div className="d-flex gap-2 mt-3">
            {data.previous && (
              <Button variant="outline-secondary" onClick={() => goTo(page - 1)}>
                Previous
              </Button>
            )}
            {data.next && (
              <Button variant="outline-secondary" onClick={() => goTo(page + 1)}>
                More dermatologists
              </Button>
            )}
          </div>
        </>
      )}
    </Container>
  );
}
