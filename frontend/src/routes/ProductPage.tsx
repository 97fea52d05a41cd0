import { Alert, Badge, Card, Col, Container, Row, Spinner } from "react-bootstrap";
import { Link, useParams } from "react-router-dom";

import { useProduct } from "../features/products/api";
import { IngredientTable } from "../features/products/components/IngredientTable";
import { formatPrice } from "../features/products/labels";
import { webLink } from "../lib/links";
import { usePageTitle } from "../lib/usePageTitle";
import { activeLabel } from "../lib/vocabulary";

const WHEN: Record<string, string> = { am: "Morning", pm: "Evening", am_pm: "Morning and evening" };
// What an incomplete list lacks, in words (a sunscreen lacks "a UV filter", not "SPF").
const MISSING: Record<string, string> = { spf: "a UV filter" };

export function ProductPage() {
  const { id = "" } = useParams();
  const { data: product, error } = useProduct(id);
  usePageTitle(product ? product.name : "Product");

  if (error) {
    return (
      <Container className="py-4">
        <Alert variant="danger">{error.message}</Alert>
        <Link to="/products">Back to products</Link>
      </Container>
    );
  }
  if (!product) {
    return (
      <Container className="py-4">
        <Spinner animation="border" role="status">
          <span className="visually-hidden">Loading…</span>
        </Spinner>
      </Container>
    );
  }
  const usage = product.usage;
  const shopLink = webLink(product.url);
  return (
    <Container className="py-4">
      <p className="mb-1">
        <Link to="/products">Products</Link> · {product.category_label}
      </p>
      <h1 className="h2 mb-1">{product.name}</h1>
      <p className="text-body-secondary">
        {product.brand} · {formatPrice(product.price, product.currency)}
        {product.size && ` · ${product.size}`}
        {product.rating && ` · ★ ${Number(product.rating).toFixed(1)}`}
      </p>
      <div className="d-flex flex-wrap gap-1 mb-3">
        {product.actives.map((active) => (
          <a key={active} href={`/learn/term/${active}/`} className="badge text-bg-info text-decoration-none">
            {active === "spf" && product.spf ? `SPF ${product.spf}` : activeLabel(active)}
          </a>
        ))}
        <Badge bg="light" text="dark" className="border">
          {product.fragrance_free ? "Fragrance-free" : "Contains fragrance"}
        </Badge>
        <Badge bg="light" text="dark" className="border">
          {product.pregnancy_safe ? "No pregnancy cautions" : "Not advised in pregnancy"}
        </Badge>
        {product.vegan === false && (
          <Badge bg="light" text="dark" className="border">
            Not vegan
          </Badge>
        )}
      </div>
      {product.ingredients_incomplete && (
        <Alert variant="warning" data-testid="incomplete-list">
          <strong>Ingredient list incomplete.</strong> It is sold as having{" "}
          {product.missing_actives.map((active) => MISSING[active] ?? activeLabel(active)).join(" and ")}, but
          the list we hold names none. We do not choose it for a routine, as we cannot check it;
          read the full list on the pack.
        </Alert>
      )}
      <Row className="g-4">
        <Col lg={5}>
          <Card>
            <Card.Body>
              <Card.Title as="h2" className="h5">
                How to use it
              </Card.Title>
              <dl className="mb-0">
                <dt>How much</dt>
                <dd>{usage.amount}</dd>
                <dt>When</dt>
                <dd>{WHEN[usage.time] ?? usage.time}</dd>
                <dt>How often</dt>
                <dd>{usage.frequency}</dd>
                {usage.introduction && (
                  <>
                    <dt>Starting it</dt>
                    <dd>{usage.introduction}</dd>
                  </>
                )}
                {usage.warnings && (
                  <>
                    <dt>Take care</dt>
                    <dd>{usage.warnings}</dd>
                  </>
                )}
              </dl>
            </Card.Body>
          </Card>
          {shopLink && (
            <p className="mt-3">
              <a href={shopLink} rel="noopener noreferrer nofollow" target="_blank">
                See it in the shop
              </a>
            </p>
          )}
        </Col>
        <Col lg={7}>
          <h2 className="h5">Ingredients ({product.ingredients.length})</h2>
          <IngredientTable lines={product.ingredients} />
        </Col>
      </Row>
    </Container>
  );
}
