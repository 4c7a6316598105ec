/** How the panel writes times and spans: short, in the reader's locale and time zone. */
import { sdkNow } from './sdk.js';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const year = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

const sameDay = (a, b) => new Date(a).toDateString() === new Date(b).toDateString();

/** `10:04:12`, with the day when it is not the SDK's today, and the year when not its year. */
export function when(ms) {
  const now = sdkNow();
  if (sameDay(ms, now)) return clock.format(ms);
  const prefix = new Date(ms).getFullYear() === new Date(now).getFullYear() ? day.format(ms) : year.format(ms);
  return `${prefix}, ${clock.format(ms)}`;
}

/** The SDK clock in full: `Tue 1 Dec 2026, 10:04:12`. */
export const full = (ms) => `${day.format(ms)} ${new Date(ms).getFullYear()}, ${clock.format(ms)}`;

const UNITS = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]];

/** `1 day 2 hours`, `3 minutes`: the two largest units of a span. */
export function span(ms) {
  let rest = Math.abs(ms);
  const parts = [];
  for (const [name, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n && parts.length < 2) {
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  return parts.join(' ') || '0 seconds';
}

/** A value as the traces show it: strings quoted, missing ones said so. */
export const shown = (value) => (value === undefined ? 'missing' : JSON.stringify(value) ?? String(value));

/** `<input type="datetime-local">`'s value for a time (local, to the minute). */
export function localInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
