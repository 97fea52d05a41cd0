import { useCallback, useState } from "react";

import { ApiError, asApiError } from "./api";

/** Runs an async action for a form: tracks pending state and keeps the ApiError to show. */
export function useSubmit<Args extends unknown[], Result>(
  action: (...args: Args) => Promise<Result>,
) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = useCallback(
    async (...args: Args): Promise<Result | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await action(...args);
      } catch (caught) {
        setError(asApiError(caught, "Something went wrong."));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { submit, pending, error, setError };
}
