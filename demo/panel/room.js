/**
 * Keeps the panel clear of the messages it explains. Chats sit in the corner away from
 * it; a floating banner spans the top (or bottom) of the viewport, so while one shows the
 * docked panel starts below it (or ends above it). Read from Herald's documented hooks,
 * never written to.
 */
const root = document.documentElement;

/** The height of the fixed banners at the top and at the bottom (layout boxes: an entry animation does not count). */
function measure(host) {
  let top = 0;
  let bottom = 0;
  for (const el of host.shadowRoot?.querySelectorAll('[data-message-type="banner"]') ?? []) {
    const style = getComputedStyle(el);
    if (style.position !== 'fixed' || !el.offsetHeight) continue;
    if (style.top === '0px') top = Math.max(top, el.offsetHeight);
    else if (style.bottom === '0px') bottom = Math.max(bottom, el.offsetHeight);
  }
  root.style.setProperty('--room-top', `${top}px`);
  root.style.setProperty('--room-bottom', `${bottom}px`);
}

function watch(host) {
  const update = () => measure(host);
  const resize = new ResizeObserver(update);
  new MutationObserver(() => {
    resize.disconnect();
    for (const el of host.shadowRoot.querySelectorAll('[data-message-type="banner"]')) resize.observe(el);
    update();
  }).observe(host.shadowRoot, { childList: true, subtree: true, attributes: true });
  addEventListener('resize', update);
  update();
}

export function startRoom() {
  const found = () => {
    const host = document.getElementById('herald-messenger');
    if (!host?.shadowRoot) return false;
    watch(host);
    return true;
  };
  if (found()) return;
  const observer = new MutationObserver(() => { if (found()) observer.disconnect(); });
  observer.observe(document.body, { childList: true });
}
