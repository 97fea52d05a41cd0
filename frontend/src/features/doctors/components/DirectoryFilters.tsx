import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Col, Form, Row } from "react-bootstrap";

import type { DirectoryFilters as Filters, Language, Specialty } from "../api";

interface Props {
  value: Filters;
  specialties: Specialty[];
  languages: Language[];
  onChange: (filters: Filters) => void;
}

/** Filters and sorting for the directory; applied on submit so typing a postcode is calm. */
export function DirectoryFilters({ value, specialties, languages, onChange }: Props) {
  const [draft, setDraft] = useState<Filters>(value);
  const set = (key: keyof Filters, v: string) => setDraft((current) => ({ ...current, [key]: v }));

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const next = { ...draft };
    if (next.sort === "distance" && !next.postcode && !next.near) next.sort = "soonest";
    onChange(next);
  }

  function useMyLocation() {
    navigator.geolocation?.getCurrentPosition((position) => {
      const near = `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
      const next = { ...draft, near, postcode: "", sort: "distance" };
      setDraft(next);
      onChange(next);
    });
  }

  return (
    <Form onSubmit={handleSubmit} aria-label="Find a dermatologist" className="mb-4">
      <Row className="g-2">
        <Col xs={12} md={4}>
          <Form.Group controlId="filter-specialty">
            <Form.Label>Specialty</Form.Label>
            <Form.Select value={draft.specialty ?? ""} onChange={(e) => set("specialty", e.target.value)}>
              <option value="">Any specialty</option>
              {specialties.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </Form.Select>
          </Form.Group>
        </Col>
        <Col xs={6} md={2}>
          <Form.Group controlId="filter-language">
            <Form.Label>Language</Form.Label>
            <Form.Select value={draft.language ?? ""} onChange={(e) => set("language", e.target.value)}>
              <option value="">Any</option>
              {languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </Form.Select>
          </Form.Group>
        </Col>
        <Col xs={6} md={2}>
          <Form.Group controlId="filter-type">
            <Form.Label>Consultation</Form.Label>
            <Form.Select
              value={draft.consultation_type ?? ""}
              onChange={(e) => set("consultation_type", e.target.value)}
            >
              <option value="">Any</option>
              <option value="in_person">In person</option>
              <option value="video">Video</option>
            </Form.Select>
          </Form.Group>
        </Col>
        <Col xs={6} md={2}>
          <Form.Group controlId="filter-postcode">
            <Form.Label>Postcode</Form.Label>
            <Form.Control
              value={draft.postcode ?? ""}
              onChange={(e) => set("postcode", e.target.value)}
              placeholder="e.g. 10016"
            />
          </Form.Group>
        </Col>
        <Col xs={6} md={2}>
          <Form.Group controlId="filter-sort">
            <Form.Label>Sort by</Form.Label>
            <Form.Select value={draft.sort ?? "soonest"} onChange={(e) => set("sort", e.target.value)}>
              <option value="soonest">Soonest slot</option>
              <option value="distance">Distance</option>
              <option value="rating">Rating</option>
            </Form.Select>
          </Form.Group>
        </Col>
      </Row>
      <div className="d-flex flex-wrap gap-2 mt-3">
        <Button type="submit">Search</Button>
        <Button variant="outline-secondary" onClick={useMyLocation}>
          Near me
        </Button>
      </div>
    </Form>
  );
}
