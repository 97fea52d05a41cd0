import { useEffect, useState } from "react";

import { ApiError, asApiError } from "./api";

/** Loads data once for a page; the error is kept to show, never thrown. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    load()
      .then((value) => live && setData(value))
      .catch((caught: unknown) => {
        if (!live) return;
        setError(asApiError(caught, "Could not load."));
      });
    return () => {
      live = false;
    };
  }, [load]);
  return { data, error };
}
