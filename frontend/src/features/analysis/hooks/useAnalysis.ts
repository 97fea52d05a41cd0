import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError, asApiError } from "../../../lib/api";
import { getAnalysis } from "../api";
import type { Analysis } from "../api";

const POLL_MS = 1000;

/** Loads an analysis and polls it once a second while it is waiting or running. */
export function useAnalysis(id: string) {
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    window.clearTimeout(timer.current);
    try {
      const fresh = await getAnalysis(id);
      setAnalysis(fresh);
      setError(null);
      if (fresh.status === "pending" || fresh.status === "running") {
        timer.current = window.setTimeout(load, POLL_MS);
      }
    } catch (caught) {
      setError(asApiError(caught, "Could not load."));
    }
  }, [id]);

  useEffect(() => {
    setAnalysis(null);
    load();
    return () => window.clearTimeout(timer.current);
  }, [load]);

  // Media links expire after a few minutes: `reload` fetches fresh ones.
  return { analysis, error, reload: load };
}
