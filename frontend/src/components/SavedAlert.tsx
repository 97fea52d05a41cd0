import type { ReactNode } from "react";
import { Alert } from "react-bootstrap";

import { useReveal } from "../lib/useReveal";

/** The "saved" message of a form, shown where the person is looking: scrolled to and focused
 * when it appears (the Save button may be a screen below it on a phone). `show` may be any
 * value: each new truthy one (e.g. a new message object after a second delete) reveals it
 * again. With `onClose` the message can be dismissed. */
export function SavedAlert({
  show,
  children,
  onClose,
}: {
  show: unknown;
  children: ReactNode;
  onClose?: () => void;
}) {
  const ref = useReveal<HTMLDivElement>(show);
  if (!show) return null;
  return (
    <Alert
      ref={ref}
      variant="success"
      role="status"
      tabIndex={-1}
      className="ms-focus-target"
      dismissible={Boolean(onClose)}
      onClose={onClose}
    >
      {children}
    </Alert>
  );
}
