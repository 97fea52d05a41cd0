// The one query layer (TanStack Query): every read goes through a `useX` hook exported from
// its feature's api.ts; every write is a `useX` mutation hook there too, and one that changes
// what a read shows invalidates (or sets) that read.
import { QueryClient } from "@tanstack/react-query";

import { ApiError, asApiError } from "./api";

declare module "@tanstack/react-query" {
  // apiFetch throws ApiError only (see `loader`), so hooks hand pages an ApiError to show.
  interface Register {
    defaultError: ApiError;
  }
}

/** A query function whose failures are always ApiError (a stray TypeError becomes one too). */
export function loader<T>(load: () => Promise<T>): () => Promise<T> {
  return () => load().catch((caught: unknown) => Promise.reject(asApiError(caught, "Could not load.")));
}

/** A mutation function whose failures are always ApiError, so a form shows `mutation.error`
 * through FormAlert and its fields (`error.fieldError(name)`) whatever went wrong. */
export function writer<Result, Variables = void>(write: (variables: Variables) => Promise<Result>) {
  return (variables: Variables): Promise<Result> =>
    write(variables).catch((caught: unknown) => Promise.reject(asApiError(caught, "Something went wrong.")));
}

/** A 4xx answer will not change by asking again; a dropped connection or a 5xx may. */
function retryTransient(failureCount: number, error: ApiError): boolean {
  if (error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

/** Forms copy their first data into state: they must start from a fresh read, never a cached
 * one that may predate the last save, so these reads are dropped as soon as nobody shows them. */
export const SEEDS_A_FORM = { gcTime: 0 } as const;

export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: retryTransient,
        // Coming back to the tab must not refire every read on the page (the analysis page
        // polls on its own schedule).
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
