import { Badge, Card } from "react-bootstrap";
import { Link } from "react-router-dom";

import type { RoutineStep } from "../api";
import { formatPrice } from "../../products/labels";
import { STEP_LABELS } from "../labels";

interface Props {
  step: RoutineStep;
  index: number;
}

type PricedProduct = RoutineStep["product"];

/** The price in the person's currency; a converted one says so and from what. */
function priceForYou(product: PricedProduct): string {
  const price = product.price_for_you;
  if (!price) return product.price ? formatPrice(product.price, product.currency) : "";
  const shown = formatPrice(price.amount, price.currency);
  if (!price.converted || !product.price) return shown;
  return `about ${shown} (${formatPrice(product.price, product.currency)}, converted at the rates of ${price.rates_as_of})`;
}

/** One step of a routine: the product, why it is there, how to use it, alternatives. */
export function StepCard({ step, index }: Props) {
  const { product, how_to_use: how } = step;
  const cheaper = step.alternatives.find((item) => item.id === step.cheaper_alternative_id);
  return (
    <Card className="mb-3" as="article" aria-labelledby={`step-${step.step}-${index}`}>
      <Card.Body>
        <p className="text-uppercase small fw-semibold text-primary mb-1">
          Step {index + 1} · {STEP_LABELS[step.step] ?? step.step}
        </p>
        <Card.Title as="h3" className="h5" id={`step-${step.step}-${index}`}>
          <Link to={`/products/${product.id}`}>{product.name}</Link>
        </Card.Title>
        <p className="text-body-secondary mb-2">
          {product.brand}
          {product.price && <> · {priceForYou(product)}</>}
          {product.size && <> · {product.size}</>}
        </p>
        <p className="mb-2">
          <strong>Why: </strong>
          {step.why}
        </p>
        <div className="mb-1">
          <strong>How to use: </strong>
          {how.amount}. {how.frequency}.
        </div>
        {how.introduction.length > 0 && (
          <div className="mt-2">
            <strong>Start slowly:</strong>
            <ol className="mb-1">
              {how.introduction.map((phase) => (
                <li key={phase}>{phase}</li>
              ))}
            </ol>
          </div>
        )}
        {how.warnings.length > 0 && (
          <ul className="small text-body-secondary mb-1">
            {how.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        {step.alternatives.length > 0 && (
          <details className="mt-2">
            <summary>Alternatives</summary>
            <ul className="mb-0 mt-1">
              {step.alternatives.map((item) => (
                <li key={item.id}>
                  <Link to={`/products/${item.id}`}>{item.name}</Link> ({item.brand}
                  {item.price && `, ${priceForYou(item)}`})
                  {item === cheaper && (
                    <Badge bg="success" className="ms-2">
                      Cheaper
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </Card.Body>
    </Card>
  );
}
