/** The element that has focus, looking into shadow roots (ours and the page's). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/**
 * Remembers where focus is now; the returned function gives it back, if that element is
 * still on the page. (Whether focus should go back at all, the widget decides.)
 */
export function rememberFocus(): () => void {
  const previous = deepActiveElement();
  return () => {
    if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus({ preventScroll: true });
  };
}

/** The elements inside `root` that Tab reaches, in order. */
export function tabbables(root: ParentNode): HTMLElement[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';
  return Array.from(root.querySelectorAll<HTMLElement>(selector)).filter((el) => !el.hidden && el.getClientRects().length > 0);
}
