import { useEffect, useRef } from "react";

const FOCUSABLE = "input, select, textarea, button, [href], [tabindex]:not([tabindex='-1'])";

/** For a button that swaps in an inline confirmation (and back): when the confirmation
 * opens, focus moves to its element marked `data-autofocus` (the safe choice, where there is
 * one) or else its first field or button; when it closes, back to the button that opened
 * it. Without this the focus falls to the page's start when the button unmounts. */
export function useSwapFocus<T extends HTMLElement, P extends HTMLElement>(open: boolean) {
  const triggerRef = useRef<T>(null);
  const panelRef = useRef<P>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) {
      const panel = panelRef.current;
      (panel?.querySelector<HTMLElement>("[data-autofocus]") ?? panel?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    }
    if (!open && wasOpen.current) triggerRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { triggerRef, panelRef };
}
