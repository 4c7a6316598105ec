/**
 * The tour's sheet. Cards and the spotlight are `position: fixed` (Floating UI's `fixed`
 * strategy): the host sits at the end of the body, so the viewport is their containing
 * block. Left/top are written through CSSOM by the positioning code, never by markup.
 */
export const TOUR_CSS = `
/* The root covers the viewport without catching a click: the tour "is visible" as one
   element, whatever its step, for people and for tests that look for the message root. */
.tour { position: fixed; inset: 0; z-index: var(--herald-z); pointer-events: none; }
.tour-card { pointer-events: auto; }
.tour-dim, .tour-spotlight {
  position: fixed; z-index: var(--herald-z); pointer-events: none;
}
.tour-dim { inset: 0; background: rgba(12, 14, 20, 0.45); }
.tour-spotlight {
  left: 0; top: 0; border-radius: 8px;
  box-shadow: 0 0 0 2px var(--herald-action), 0 0 0 9999px rgba(12, 14, 20, 0.45);
}
.tour-card {
  position: fixed; left: 0; top: 0; z-index: var(--herald-z);
  width: max-content; max-width: min(320px, calc(100vw - 16px)); min-width: 220px;
  padding: 16px; border-radius: 12px;
  background: var(--herald-background); color: var(--herald-text);
  border: 1px solid var(--herald-border);
  box-shadow: 0 12px 32px rgba(0, 0, 0, 0.22), 0 2px 6px rgba(0, 0, 0, 0.12);
}
.tour-card:focus { outline: none; }
.tour-card.centred { left: 50%; top: 50%; transform: translate(-50%, -50%); }
/* Not placed yet: still focusable (unlike visibility: hidden), but not seen at 0,0. */
.tour-card.anchored:not([data-side]) { opacity: 0; }
.tour-card.centred, .tour-card[data-side] { animation: herald-tour-in 160ms ease-out; }
@keyframes herald-tour-in { from { opacity: 0; translate: 0 6px; } }
.tour-arrow {
  position: absolute; width: 12px; height: 12px;
  background: var(--herald-background); border: 1px solid var(--herald-border);
  transform: rotate(45deg);
}
/* The arrow sits on the card's edge facing the target, its two outer borders showing. */
.tour-card[data-side="bottom"] .tour-arrow { top: -7px; border-right: 0; border-bottom: 0; }
.tour-card[data-side="top"] .tour-arrow { bottom: -7px; border-left: 0; border-top: 0; }
.tour-card[data-side="right"] .tour-arrow { left: -7px; border-top: 0; border-right: 0; }
.tour-card[data-side="left"] .tour-arrow { right: -7px; border-bottom: 0; border-left: 0; }
.tour-title { margin: 0 0 6px; margin-inline-end: 32px; font-size: 16px; font-weight: 650; line-height: 1.3; }
.tour-body { overflow-wrap: anywhere; }
.tour-body > :first-child { margin-top: 0; }
.tour-body > :last-child { margin-bottom: 0; }
.tour-body a { color: var(--herald-action); }
.tour-dismiss {
  position: absolute; top: 8px; inset-inline-end: 8px;
  width: 32px; height: 32px; padding: 0; border: 0;
  background: transparent; color: var(--herald-muted); font-size: 22px; line-height: 1;
}
.tour-dismiss:hover { color: var(--herald-text); }
.tour-footer { display: flex; align-items: center; gap: 8px; margin-top: 14px; }
.tour-progress { flex: 1; color: var(--herald-muted); font-size: 13px; }
.tour-footer button { padding: 7px 14px; font-weight: 600; border: 1px solid var(--herald-border); }
.tour-back { background: transparent; color: var(--herald-text); }
.tour-next { background: var(--herald-action); color: var(--herald-action-text); border-color: transparent; }
`;
