import { useRef } from "react";
import type { ReactNode } from "react";
import { Button, Modal } from "react-bootstrap";

type Props = {
  show: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** The app's own "are you sure?" (instead of `window.confirm`, which screen readers and axe
 * cannot see into): a dialog with a title, focus moved to its safe choice (Cancel) when it
 * opens, kept inside while open, and returned to the button that opened it when it closes
 * (unless the page moved it on, e.g. to the message saying what was done). */
export function ConfirmDialog({
  show,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  pending = false,
  onConfirm,
  onCancel,
}: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The element that had the focus when the dialog was asked for (read while rendering, before
  // the dialog takes the focus): it gets it back on close, unless the page has already put
  // the focus somewhere meaningful (the "deleted" message, say) or the element is gone.
  const openerRef = useRef<HTMLElement | null>(null);
  const wasShown = useRef(false);
  if (show && !wasShown.current) openerRef.current = document.activeElement as HTMLElement | null;
  wasShown.current = show;

  function giveFocusBack() {
    const active = document.activeElement;
    // Still inside the dialog (about to be removed) counts as lost too.
    const lost = !active || active === document.body || !active.isConnected || Boolean(active.closest(".modal"));
    if (lost && openerRef.current?.isConnected) openerRef.current.focus();
  }

  return (
    <Modal
      show={show}
      onHide={onCancel}
      onEntered={() => cancelRef.current?.focus()}
      onExited={giveFocusBack}
      restoreFocus={false}
      // Kept inside while open; once closing, the page may move the focus on at once.
      enforceFocus={show}
      centered
      aria-labelledby="confirm-dialog-title"
    >
      <Modal.Header closeButton closeLabel="Close">
        <Modal.Title as="h2" className="h5" id="confirm-dialog-title">
          {title}
        </Modal.Title>
      </Modal.Header>
      {children && <Modal.Body>{children}</Modal.Body>}
      <Modal.Footer>
        <Button ref={cancelRef} variant="outline-secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
      </Modal.Footer>
    </Modal>
  );
}
