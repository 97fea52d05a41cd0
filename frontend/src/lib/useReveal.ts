import { useEffect, useRef } from "react";

/** Brings an element into view and moves the focus to it, e.g. a message that appears after
 * saving at the top of a form whose button is a screen below on a phone. */
export function reveal(element: HTMLElement | null, block: ScrollLogicalPosition = "center") {
  if (!element) return;
  // jsdom (unit tests) has no scrollIntoView.
  element.scrollIntoView?.({ block, behavior: "smooth" });
  element.focus({ preventScroll: true });
}

/** A ref that is revealed each time `key` changes to something truthy. */
export function useReveal<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key) reveal(ref.current);
  }, [key]);
  return ref;
}
