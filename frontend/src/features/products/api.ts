import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";

import { apiFetch } from "../../lib/api";
import { loader, writer } from "../../lib/query";
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

/** One search, keyed by its exact query string: a slow answer to an earlier search can never
 * replace the answer to the current one. The last page stays shown while the next loads. */
export function useProductSearch(params: URLSearchParams) {
  const query = params.toString();
  return useQuery({
    queryKey: ["products", "search", query],
    queryFn: loader(() => searchProducts(new URLSearchParams(query))),
    placeholderData: keepPreviousData,
  });
}

export const useProduct = (id: string) =>
  useQuery({ queryKey: ["products", "detail", id], queryFn: loader(() => getProduct(id)) });

/** A check stores nothing: a POST only because an ingredient list is long. */
export const useCheckIngredients = () => useMutation({ mutationFn: writer(checkIngredients) });
