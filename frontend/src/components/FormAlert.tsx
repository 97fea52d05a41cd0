import { Alert } from "react-bootstrap";

import type { ApiError } from "../lib/api";

/** The form-level message of an ApiError (field messages are shown by each field). */
export function FormAlert({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Alert variant="danger" role="alert">
      {error.message}
    </Alert>
  );
}
