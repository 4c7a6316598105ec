export const BANNER_CSS = `
.banner {
  display: flex; align-items: center; gap: 12px;
  width: 100%; padding: 12px 16px;
  background: var(--herald-background); color: var(--herald-text);
  border-bottom: 1px solid var(--herald-border);
}
.banner.bottom { border-bottom: 0; border-top: 1px solid var(--herald-border); }
.banner.floating {
  position: fixed; left: 0; right: 0; z-index: var(--herald-z);
  box-shadow: 0 4px 18px rgba(0, 0, 0, 0.14);
  animation: herald-drop 180ms ease-out;
}
.banner.floating.top { top: 0; }
.banner.floating.bottom { bottom: 0; animation-name: herald-rise; }
.banner .body { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.banner .body > :first-child { margin-top: 0; }
.banner .body > :last-child { margin-bottom: 0; }
.banner .body a { color: inherit; }
.banner .action {
  flex: none; border: 0; padding: 8px 14px;
  background: var(--herald-action); color: var(--herald-action-text); font-weight: 600;
}
.banner .dismiss {
  flex: none; width: 32px; height: 32px; padding: 0; border: 0;
  background: transparent; color: var(--herald-muted); font-size: 22px; line-height: 1;
}
.banner .dismiss:hover { color: var(--herald-text); }
@keyframes herald-drop { from { transform: translateY(-100%); } to { transform: none; } }
@keyframes herald-rise { from { transform: translateY(100%); } to { transform: none; } }
`;
