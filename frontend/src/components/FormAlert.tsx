import { Alert } from "react-bootstrap";

import type { ApiError } from "../lib/api";
import { useReveal } from "../lib/useReveal";

/** The form-level message of an ApiError (field messages are shown by each field), brought
 * into view when it appears so it is not missed above the fold. */
export function FormAlert({ error }: { error: ApiError | null }) {
  const ref = useReveal<HTMLDivElement>(error);
  if (!error) return null;
  return (
    <Alert ref={ref} variant="danger" role="alert" tabIndex={-1} className="ms-focus-target">
      {error.message}
    </Alert>
  );
}
