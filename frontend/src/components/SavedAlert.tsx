import type { ReactNode } from "react";
import { Alert } from "react-bootstrap";

import { useReveal } from "../lib/useReveal";

/** The "saved" message of a form, shown where the person is looking: scrolled to and focused
 * when it appears (the Save button may be a screen below it on a phone). */
export function SavedAlert({ show, children }: { show: boolean; children: ReactNode }) {
  const ref = useReveal<HTMLDivElement>(show);
  if (!show) return null;
  return (
    <Alert ref={ref} variant="success" role="status" tabIndex={-1} className="ms-focus-target">
      {children}
    </Alert>
  );
}
