/**
 * Time travel: Herald's clock, shown to the second, and moved by `debug:travel`
 * (+1 minute, +1 hour, +1 day, to a date, or back to now). Decisions made after a jump say
 * so in their detail; waits for time on the page fall due at once.
 */
import { on } from '../lib/bus.js';
import { $ } from '../lib/dom.js';
import { full, localInput, span } from '../lib/format.js';
import { sdkNow, travel, travelOffset } from '../lib/sdk.js';

function render() {
  const now = sdkNow();
  const time = $('sdk-time');
  time.textContent = full(now);
  time.dateTime = new Date(now).toISOString();
  const offset = travelOffset();
  $('sdk-offset').textContent = offset ? `${offset > 0 ? '+' : '−'}${span(offset)}` : 'real time';
  $('sdk-offset').classList.toggle('travelled', offset !== 0);
  $('travel-reset').disabled = offset === 0;
}

export function startClock() {
  render();
  $('travel-to').value = localInput(sdkNow() + 86_400_000);
  // Whole seconds of the SDK clock; the page's timers, so a test's fake clock drives it too.
  setInterval(render, 1000);
  on('travel', render);
  for (const button of document.querySelectorAll('[data-travel]')) {
    button.addEventListener('click', () => travel(Number(button.dataset.travel)));
  }
  $('travel-reset').addEventListener('click', () => travel(-travelOffset()));
  $('travel-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const target = new Date($('travel-to').value).getTime();
    if (Number.isFinite(target)) travel(target - sdkNow());
  });
}
