import { Container } from "react-bootstrap";

import { IngredientChecker } from "../features/products/components/IngredientChecker";
import { useAuth } from "../lib/auth";
import { usePageTitle } from "../lib/usePageTitle";

export function IngredientCheckPage() {
  usePageTitle("Ingredient checker");
  const { user } = useAuth();
  return (
    <Container className="py-4" style={{ maxWidth: 900 }}>
      <h1 className="h2">Ingredient checker</h1>
      <p className="text-body-secondary">
        Paste a product's ingredient list to see what is in it: fragrance, allergens, drying
        alcohol, ingredients that may clog pores or are not advised in pregnancy, and its actives.
      </p>
      <IngredientChecker signedIn={Boolean(user)} />
    </Container>
  );
}
