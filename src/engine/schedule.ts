/**
 * Sending windows: `{ timezone, days, from, to, start_at, end_at }`, each optional.
 * Days and hours are read in the schedule's IANA time zone (default: the visitor's).
 */
export interface Schedule {
  timezone?: string;
  days?: string[];
  from?: string;
  to?: string;
  start_at?: string;
  end_at?: string;
}

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" in minutes after midnight; undefined for anything else. */
export const minutesOf = (text: unknown): number | undefined => {
  const match = typeof text === 'string' ? TIME.exec(text) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday and minute of the day at `at` in `timeZone`. Throws for an unknown zone. */
export function localTime(at: number, timeZone?: string): { day: string; minute: number } {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: String(parts.weekday).slice(0, 3).toLowerCase(), minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Is the zone one this browser knows? */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || !zone) return false;
  try {
    localTime(0, zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `at` is outside the schedule, or undefined when it is inside. `from`/`to` may wrap
 * midnight ("22:00" to "06:00"); then the window belongs to the day it starts on.
 */
export function outsideSchedule(schedule: Schedule | undefined, at: number): string | undefined {
  if (!schedule) return undefined;
  if (schedule.start_at && at < Date.parse(schedule.start_at)) return `the schedule starts at ${schedule.start_at}`;
  if (schedule.end_at && at >= Date.parse(schedule.end_at)) return `the schedule ended at ${schedule.end_at}`;
  const zone = schedule.timezone;
  const { day, minute } = localTime(at, zone);
  const from = minutesOf(schedule.from) ?? 0;
  const to = minutesOf(schedule.to) ?? 24 * 60;
  const wraps = from > to;
  const inHours = wraps ? minute >= from || minute < to : minute >= from && minute < to;
  // After midnight in a window that wraps, the window started the day before.
  const windowDay = wraps && minute < to ? DAYS[(DAYS.indexOf(day) + 6) % 7]! : day;
  const where = zone ? ` in ${zone}` : '';
  const days = Array.isArray(schedule.days) ? schedule.days : undefined;
  if (days && !days.includes(windowDay)) {
    const whose = windowDay === day ? '' : ` (in the window that began on ${windowDay})`;
    return `it is ${day}${where}${whose}; the schedule sends on ${days.join(', ') || 'no day'}`;
  }
  if (!inHours) {
    const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    return `it is ${clock}${where}; the schedule sends from ${schedule.from ?? '00:00'} to ${schedule.to ?? '24:00'}`;
  }
  return undefined;
}
