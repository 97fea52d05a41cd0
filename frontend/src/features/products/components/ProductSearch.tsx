import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Col, Form, Row, Spinner } from "react-bootstrap";
import { useSearchParams } from "react-router-dom";

import { CURRENCIES } from "../../account/choices";
import { useProductSearch } from "../api";
import { CATEGORIES, CONCERNS, SKIN_TYPES, productCount } from "../labels";
import { ProductCard } from "./ProductCard";

const FIELDS = ["q", "category", "skin_type", "concern", "currency", "price_min", "price_max"] as const;
const FLAGS = ["fragrance_free", "pregnancy_safe"] as const;

/** Product search with filters; the filters live in the address, so a search can be shared. */
export function ProductSearch() {
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState(() => Object.fromEntries(FIELDS.map((key) => [key, params.get(key) ?? ""])));
  const [flags, setFlags] = useState(() => Object.fromEntries(FLAGS.map((key) => [key, params.get(key) === "true"])));
  // Keyed by the address's query: only the answer to the current search is ever shown.
  const search = useProductSearch(params);
  const page = search.data ?? null;
  const error = search.error;
  const loading = search.isFetching;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FIELDS) if (form[key]) next.set(key, form[key]);
    for (const key of FLAGS) if (flags[key]) next.set(key, "true");
    setParams(next);
  }

  function goTo(pageNumber: number) {
    const next = new URLSearchParams(params);
    next.set("page", String(pageNumber));
    setParams(next);
  }

  const current = Number(params.get("page") ?? "1");
  const select = (key: (typeof FIELDS)[number], label: string, choices: [string, string][], any: string) => (
    <Form.Group as={Col} xs={12} sm={6} lg={3} controlId={`filter-${key}`}>
      <Form.Label>{label}</Form.Label>
      <Form.Select
        value={form[key]}
        isInvalid={Boolean(error?.fieldError(key))}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
      >
        <option value="">{any}</option>
        {choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Form.Select>
      <Form.Control.Feedback type="invalid">{error?.fieldError(key)}</Form.Control.Feedback>
    </Form.Group>
  );

  return (
    <>
      <Form onSubmit={handleSubmit} className="mb-4" role="search" aria-label="Search products">
        <Row className="g-3 align-items-end">
          <Form.Group as={Col} xs={12} lg={6} controlId="filter-q">
            <Form.Label>Product or brand</Form.Label>
            <Form.Control
              type="search"
              value={form.q}
              placeholder="e.g. retinol, CeraVe, sunscreen"
              onChange={(event) => setForm({ ...form, q: event.target.value })}
            />
          </Form.Group>
          {select("category", "Product type", CATEGORIES, "Any type")}
          {select("skin_type", "Skin type", SKIN_TYPES, "Any skin type")}
          {select("concern", "Concern", CONCERNS, "Any concern")}
          {select("currency", "Prices in", CURRENCIES, "Any currency")}
          <Form.Group as={Col} xs={6} lg={3} controlId="filter-price_min">
            <Form.Label>Lowest price</Form.Label>
            <Form.Control
              inputMode="decimal"
              value={form.price_min}
              isInvalid={Boolean(error?.fieldError("price_min"))}
              onChange={(event) => setForm({ ...form, price_min: event.target.value })}
            />
          </Form.Group>
          <Form.Group as={Col} xs={6} lg={3} controlId="filter-price_max">
            <Form.Label>Highest price</Form.Label>
            <Form.Control
              inputMode="decimal"
              value={form.price_max}
              isInvalid={Boolean(error?.fieldError("price_max"))}
              onChange={(event) => setForm({ ...form, price_max: event.target.value })}
            />
            <Form.Control.Feedback type="invalid">{error?.fieldError("price_max")}</Form.Control.Feedback>
          </Form.Group>
          <Col xs={12} lg={4} className="d-flex flex-wrap gap-3">
            <Form.Check
              id="filter-fragrance_free"
              label="Fragrance-free"
              checked={flags.fragrance_free}
              onChange={(event) => setFlags({ ...flags, fragrance_free: event.target.checked })}
            />
            <Form.Check
              id="filter-pregnancy_safe"
              label="Pregnancy-safe"
              checked={flags.pregnancy_safe}
              onChange={(event) => setFlags({ ...flags, pregnancy_safe: event.target.checked })}
            />
          </Col>
          <Col xs={12} lg={2}>
            <Button type="submit" className="w-100">
              Search
            </Button>
          </Col>
        </Row>
      </Form>
      {error && (
        <Alert variant="danger" role="alert">
          {error.message}
        </Alert>
      )}
      {loading && !page && (
        <Spinner animation="border" role="status">
          <span className="visually-hidden">Searching…</span>
        </Spinner>
      )}
      {page && (
        <>
          <p aria-live="polite">
            {productCount(page.count, page.count_capped)}
          </p>
          <Row xs={1} sm={2} lg={3} className="g-3">
            {page.results.map((product) => (
              <Col key={product.id}>
                <ProductCard product={product} />
              </Col>
            ))}
          </Row>
          {(page.previous || page.next) && (
            <nav className="d-flex gap-2 mt-3" aria-label="Pages">
              <Button variant="outline-primary" disabled={!page.previous} onClick={() => goTo(current - 1)}>
                Previous
              </Button>
              <Button variant="outline-primary" disabled={!page.next} onClick={() => goTo(current + 1)}>
                Next
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
