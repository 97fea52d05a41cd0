import { Badge, Card } from "react-bootstrap";
import { Link } from "react-router-dom";

import type { Product } from "../api";
import { formatPrice } from "../labels";
import { activeLabel } from "../../../lib/vocabulary";

export function ProductCard({ product }: { product: Product }) {
  return (
    <Card className="h-100">
      <Card.Body>
        <p className="small text-body-secondary mb-1">
          {product.brand} · {product.category_label}
        </p>
        <Card.Title as="h2" className="h6">
          <Link to={`/products/${product.id}`}>{product.name}</Link>
        </Card.Title>
        <p className="mb-2">
          {formatPrice(product.price, product.currency)}
          {product.rating && <> · ★ {Number(product.rating).toFixed(1)}</>}
        </p>
        <div className="d-flex flex-wrap gap-1">
          {product.actives.map((active) => (
            <Badge key={active} bg="info">
              {active === "spf" && product.spf ? `SPF ${product.spf}` : activeLabel(active)}
            </Badge>
          ))}
          {product.fragrance_free && <Badge bg="light" text="dark" className="border">Fragrance-free</Badge>}
          {product.pregnancy_safe && <Badge bg="light" text="dark" className="border">Pregnancy-safe</Badge>}
        </div>
      </Card.Body>
    </Card>
  );
}
