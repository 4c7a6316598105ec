/**
 * The base stylesheet of the shadow root. `:host` resets what a host page's CSS could
 * pass down by inheritance (font, colour, line height, direction, alignment), so the
 * page cannot change the widgets and the widgets cannot change the page.
 */
export const BASE_CSS = `
:host {
  /* !important: a page rule like "div { font: 40px serif !important }" matches the host
     itself; an important rule of the shadow root wins over the page's important ones. */
  all: initial !important;
  display: block !important;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif !important;
  font-size: 15px !important;
  line-height: 1.45 !important;
  color: #1c1d21 !important;
  --herald-action: #2b59ff;
  --herald-action-text: #ffffff;
  --herald-background: #ffffff;
  --herald-text: #1c1d21;
  --herald-muted: #5b5f6b;
  --herald-border: rgba(0, 0, 0, 0.12);
  --herald-z: 2147483000;
}
@media (prefers-color-scheme: dark) {
  :host {
    --herald-background: #1f2127;
    --herald-text: #f1f2f4;
    --herald-muted: #aeb2bd;
    --herald-border: rgba(255, 255, 255, 0.16);
  }
}
*, *::before, *::after { box-sizing: border-box; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
button, a.button {
  font: inherit; cursor: pointer; border-radius: 6px; text-decoration: none;
}
:focus-visible { outline: 2px solid var(--herald-action); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
