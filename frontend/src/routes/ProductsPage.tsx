import { Container } from "react-bootstrap";
import { Link } from "react-router-dom";

import { ProductSearch } from "../features/products/components/ProductSearch";
import { usePageTitle } from "../lib/usePageTitle";

export function ProductsPage() {
  usePageTitle("Products");
  return (
    <Container className="py-4">
      <h1 className="h2">Products</h1>
      <p className="text-body-secondary">
        Search real skin-care products by what they are for. Every product lists its full
        ingredients. Have a product already? <Link to="/ingredients/check">Check its ingredients</Link>.
      </p>
      <ProductSearch />
    </Container>
  );
}
