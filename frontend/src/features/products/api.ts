import { apiFetch } from "../../lib/api";
import type { components } from "../../lib/api-types";

export type Product = components["schemas"]["ProductOutput"];
export type ProductDetail = components["schemas"]["ProductDetailOutput"];
export type ProductPage = components["schemas"]["ProductPageOutput"];
export type IngredientLine = components["schemas"]["IngredientLineOutput"];
export type IngredientCheck = components["schemas"]["IngredientCheckOutput"];
export type Conflict = components["schemas"]["ConflictOutput"];

export const searchProducts = (params: URLSearchParams) =>
  apiFetch<ProductPage>(`products/?${params.toString()}`);

export const getProduct = (id: string) => apiFetch<ProductDetail>(`products/${encodeURIComponent(id)}/`);

export const checkIngredients = (inci: string) =>
  apiFetch<IngredientCheck>("ingredients/check/", { body: { inci } });
