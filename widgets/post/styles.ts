/**
 * The post: a centred announcement card in the top layer. Custom properties come from the
 * base sheet (and the site's appearance settings), as do dark mode and reduced motion.
 */
export const POST_CSS = `
.post {
  width: 480px; max-width: calc(100vw - 32px); max-height: calc(100vh - 48px);
  margin: auto; padding: 0; border: 0; border-radius: 16px; overflow: hidden;
  background: var(--herald-background); color: var(--herald-text);
  box-shadow: 0 24px 64px rgba(0, 0, 0, 0.28), 0 2px 8px rgba(0, 0, 0, 0.12);
  color-scheme: light dark;
  animation: herald-pop 200ms ease-out;
}
.post[open] { display: flex; flex-direction: column; }
.post::backdrop { background: rgba(12, 14, 20, 0.55); }
.post .image { display: block; flex: none; width: 100%; height: 180px; object-fit: cover; }
.post header { flex: none; padding: 24px 24px 0; padding-inline-end: 60px; }
.post .image + header { padding-inline-end: 24px; }
.post h2 { margin: 0; font-size: 20px; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
.post .from { display: flex; align-items: center; gap: 8px; margin: 10px 0 0; color: var(--herald-muted); font-size: 14px; }
.post .avatar { flex: none; width: 28px; height: 28px; border-radius: 50%; object-fit: cover; }
.post .dismiss {
  position: absolute; top: 14px; inset-inline-end: 14px;
  width: 32px; height: 32px; padding: 0; border: 0; border-radius: 50%;
  background: var(--herald-background); color: var(--herald-muted);
  font-size: 22px; line-height: 1; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18);
}
.post .dismiss:hover { color: var(--herald-text); }
/* Only the body scrolls: title, close control and actions stay in view. */
.post .body { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; padding: 14px 24px 8px; overflow-wrap: anywhere; }
.post .body:focus-visible { outline-offset: -2px; }
.post .content > :first-child { margin-top: 0; }
.post .content > :last-child { margin-bottom: 0; }
.post .content a { color: inherit; }
.post .content img { max-width: 100%; height: auto; border-radius: 8px; }
/* A divider when the body scrolls: only its colour changes, as a size change here would
   resize the body again and loop the ResizeObserver that detects the scrolling. */
.post .actions { flex: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 16px 24px 24px; border-top: 1px solid transparent; }
.post .scrolls + .actions { border-top-color: var(--herald-border); }
.post .actions > * {
  flex: 1 1 auto; display: inline-flex; align-items: center; justify-content: center;
  min-height: 40px; padding: 8px 16px; border-radius: 8px; text-align: center; font-weight: 600;
  border: 1px solid var(--herald-border); background: transparent; color: var(--herald-text);
}
.post .actions > :hover { border-color: var(--herald-muted); }
.post [data-action="primary"] { border-color: transparent; background: var(--herald-action); color: var(--herald-action-text); }
.post [data-action="primary"]:hover { border-color: transparent; filter: brightness(1.08); }
@keyframes herald-pop { from { opacity: 0; transform: translateY(12px) scale(0.98); } }
`;
