/**
 * The card in the page's corner that the chat and the survey are (`class="corner ..."`),
 * placed by the appearance settings (alignment, padding), mirrored on a right-to-left page.
 * In widgets/common.js with the other code that every widget but the banner uses.
 */
export const CORNER_CSS = `
.corner {
  position: fixed; bottom: var(--herald-vertical-padding); left: var(--herald-left); right: var(--herald-right);
  z-index: var(--herald-z);
  max-width: calc(100vw - 24px);
  background: var(--herald-background); color: var(--herald-text);
  border: 1px solid var(--herald-border); border-radius: 14px;
  box-shadow: 0 10px 34px rgba(0, 0, 0, 0.18);
}
[dir="rtl"] .corner { left: var(--herald-right); right: var(--herald-left); }
`;
