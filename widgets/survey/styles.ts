/**
 * The survey: a card in the chat's corner. Its radios are real inputs laid over each
 * star, face or number (transparent, so a click or a tap lands on the input itself); the
 * label shows the state, and the focus ring, through :has().
 */
export const SURVEY_CSS = `
.survey {
  width: 360px; max-height: calc(100vh - 2 * var(--herald-vertical-padding)); overflow: auto;
  padding: 16px 18px 18px;
  animation: herald-survey-in 200ms ease-out;
}
.survey .dismiss {
  position: absolute; top: 10px; inset-inline-end: 10px;
  width: 28px; height: 28px; padding: 0; border: 0; background: transparent;
  color: var(--herald-muted); font-size: 20px; line-height: 1;
}
.survey .dismiss:hover { color: var(--herald-text); }
.survey .screen:focus { outline: none; }
.survey h2 { margin: 0 0 6px; font-size: 17px; line-height: 1.3; }
.survey h2, .survey .legend { padding-inline-end: 28px; overflow-wrap: anywhere; }
.survey .body { overflow-wrap: anywhere; }
.survey .body > :first-child { margin-top: 0; }
.survey .body > :last-child { margin-bottom: 0; }
.survey .body a { color: var(--herald-action); }
.survey fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
.survey .legend { display: block; margin: 0 0 10px; padding-top: 0; padding-bottom: 0; padding-inline-start: 0; font-weight: 600; }
.survey .req { font-weight: 400; font-size: 12px; color: var(--herald-muted); margin-inline-start: 4px; }
.survey .points { display: flex; gap: 4px; }
.survey .point { position: relative; display: inline-flex; align-items: center; justify-content: center; flex: none; cursor: pointer; border-radius: 8px; }
.survey .point input { position: absolute; z-index: 1; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
.survey .point span { pointer-events: none; }
.survey .point:has(:focus-visible), .survey .option:has(:focus-visible) { outline: 2px solid var(--herald-action); outline-offset: 2px; }
.survey .stars .point { width: 38px; height: 38px; }
.survey .stars span {
  width: 30px; height: 30px; background: color-mix(in srgb, var(--herald-muted) 45%, transparent);
  clip-path: polygon(50% 2%, 62% 36%, 98% 37%, 69% 59%, 80% 95%, 50% 74%, 20% 95%, 31% 59%, 2% 37%, 38% 36%);
}
.survey .stars .on span, .survey .stars:hover span { background: #f2a900; }
.survey .stars .point:hover ~ .point span { background: color-mix(in srgb, var(--herald-muted) 45%, transparent); }
.survey .faces { gap: 6px; }
.survey .faces .point { width: 46px; height: 46px; border-radius: 50%; font-size: 28px; line-height: 1; }
.survey .faces span { filter: grayscale(1); opacity: 0.75; }
.survey .faces .on, .survey .faces .point:hover { background: color-mix(in srgb, var(--herald-action) 14%, transparent); }
.survey .faces .on span, .survey .faces .point:hover span { filter: none; opacity: 1; }
.survey .numbers { gap: 3px; }
.survey .numbers .point {
  flex: 1 1 0; min-width: 0; height: 34px; border: 1px solid var(--herald-border); border-radius: 6px;
  font-size: 13px; font-weight: 600; font-variant-numeric: tabular-nums;
}
.survey .numbers .point:hover { border-color: var(--herald-muted); }
.survey .numbers .on, .survey .numbers .on:hover { background: var(--herald-action); color: var(--herald-action-text); border-color: transparent; }
.survey .ends { display: flex; justify-content: space-between; margin: 6px 0 0; font-size: 12px; color: var(--herald-muted); }
.survey .option {
  display: flex; align-items: center; gap: 10px; margin-top: 6px; padding: 8px 10px; cursor: pointer;
  border: 1px solid var(--herald-border); border-radius: 8px; overflow-wrap: anywhere;
}
.survey .option:hover { border-color: var(--herald-muted); }
.survey .option:has(:checked) { border-color: var(--herald-action); }
.survey .option input { flex: none; width: 16px; height: 16px; margin: 0; accent-color: var(--herald-action); }
.survey .option input:focus-visible { outline: none; }
.survey .other, .survey textarea {
  display: block; width: 100%; margin-top: 6px; padding: 8px 10px; font: inherit; color: inherit; background: transparent;
  border: 1px solid var(--herald-border); border-radius: 8px;
}
.survey textarea { min-height: 76px; resize: vertical; }
.survey .actions { display: flex; justify-content: flex-end; margin-top: 14px; }
.survey .primary {
  min-height: 36px; padding: 8px 18px; border: 0; border-radius: 8px; font-weight: 600;
  background: var(--herald-action); color: var(--herald-action-text);
}
.survey .primary:hover { filter: brightness(1.08); }
.survey .primary:disabled { opacity: 0.45; cursor: default; filter: none; }
@keyframes herald-survey-in { from { transform: translateY(12px); opacity: 0; } to { transform: none; opacity: 1; } }
`;
