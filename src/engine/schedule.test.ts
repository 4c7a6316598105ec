import { describe, expect, it } from 'vitest';
import { DAYS, isTimeZone, localTime, minutesOf, outsideSchedule, type Schedule } from './schedule';

/** Epoch ms of a local time written with its UTC offset: "2026-07-03T22:00:00+01:00". */
const t = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test date ${iso}`);
  return ms;
};

// July 2026: Dublin is on Irish Standard Time, UTC+1. 2026-07-03 is a Friday.
const FRI_DUBLIN = (clock: string) => t(`2026-07-03T${clock}:00+01:00`);
const SAT_DUBLIN = (clock: string) => t(`2026-07-04T${clock}:00+01:00`);
const THU_DUBLIN = (clock: string) => t(`2026-07-02T${clock}:00+01:00`);

describe('minutesOf', () => {
  it.each<[unknown, number]>([
    ['00:00', 0],
    ['09:00', 540],
    ['09:30', 570],
    ['17:30', 1050],
    ['23:59', 1439],
  ])('%j is %d minutes after midnight', (text, minutes) => {
    expect(minutesOf(text)).toBe(minutes);
  });

  it.each<unknown>(['9:00', '24:00', '23:60', '09:5', ' 09:00', '09:00 ', '0900', '09.00', '', 930, null, undefined, ['09:00']])(
    '%j is not a time of day',
    (text) => {
      expect(minutesOf(text)).toBeUndefined();
    },
  );
});

describe('isTimeZone', () => {
  it.each(['Europe/Dublin', 'America/New_York', 'Asia/Kolkata', 'Asia/Tokyo', 'UTC'])('%s is a zone', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each<unknown>(['Mars/Olympus_Mons', 'Europe/Dubln', 'GMT+25', '', 42, null, undefined, {}])('%j is not a zone', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('localTime', () => {
  it('reads the weekday and minute in the zone', () => {
    // Monday 00:00 UTC is Monday 05:30 in Kolkata (UTC+5:30, a half-hour offset).
    expect(localTime(t('2026-01-05T00:00:00Z'), 'Asia/Kolkata')).toEqual({ day: 'mon', minute: 5 * 60 + 30 });
    expect(localTime(t('2026-01-05T00:00:00Z'), 'UTC')).toEqual({ day: 'mon', minute: 0 });
    // ... and Sunday 19:00 in New York (UTC-5 in winter).
    expect(localTime(t('2026-01-05T00:00:00Z'), 'America/New_York')).toEqual({ day: 'sun', minute: 19 * 60 });
  });

  it('23:30 UTC on Sunday is Monday in Tokyo', () => {
    expect(localTime(t('2026-06-07T23:30:00Z'), 'Asia/Tokyo')).toEqual({ day: 'mon', minute: 8 * 60 + 30 });
    expect(localTime(t('2026-06-07T23:30:00Z'), 'UTC')).toEqual({ day: 'sun', minute: 23 * 60 + 30 });
  });

  it('follows daylight saving time: Dublin is UTC+0 in winter and UTC+1 in summer', () => {
    expect(localTime(t('2026-01-15T08:30:00Z'), 'Europe/Dublin').minute).toBe(8 * 60 + 30);
    expect(localTime(t('2026-07-15T08:30:00Z'), 'Europe/Dublin').minute).toBe(9 * 60 + 30);
    // The clocks go forward at 01:00 UTC on the last Sunday of March.
    expect(localTime(t('2026-03-29T00:59:00Z'), 'Europe/Dublin').minute).toBe(59);
    expect(localTime(t('2026-03-29T01:00:00Z'), 'Europe/Dublin').minute).toBe(2 * 60);
    // New York springs forward at 02:00 local on the second Sunday of March.
    expect(localTime(t('2026-03-08T06:59:00Z'), 'America/New_York').minute).toBe(1 * 60 + 59);
    expect(localTime(t('2026-03-08T07:00:00Z'), 'America/New_York').minute).toBe(3 * 60);
  });

  it('midnight is minute 0, never 24:00', () => {
    expect(localTime(t('2026-07-03T23:00:00Z'), 'Europe/Dublin')).toEqual({ day: 'sat', minute: 0 });
  });

  it('without a zone, reads the visitor\'s own clock', () => {
    for (const iso of ['2026-01-05T00:00:00Z', '2026-07-03T21:15:00Z', '2026-03-29T23:59:00Z']) {
      const d = new Date(iso);
      expect(localTime(d.getTime())).toEqual({ day: DAYS[d.getDay()], minute: d.getHours() * 60 + d.getMinutes() });
    }
  });

  it('throws for an unknown zone', () => {
    expect(() => localTime(0, 'Mars/Olympus_Mons')).toThrow();
  });
});

describe('outsideSchedule', () => {
  it('no schedule, or an empty one, never holds a message back', () => {
    for (const at of [t('2026-07-03T03:00:00Z'), t('2026-07-05T23:59:00Z'), 0]) {
      expect(outsideSchedule(undefined, at)).toBeUndefined();
      expect(outsideSchedule({}, at)).toBeUndefined();
    }
  });

  describe('hours in the schedule\'s zone', () => {
    const office: Schedule = { timezone: 'Europe/Dublin', from: '09:00', to: '17:30' };

    it('from is inclusive, to is exclusive', () => {
      expect(outsideSchedule(office, FRI_DUBLIN('08:59'))).toBeDefined();
      expect(outsideSchedule(office, FRI_DUBLIN('09:00'))).toBeUndefined();
      expect(outsideSchedule(office, FRI_DUBLIN('12:00'))).toBeUndefined();
      expect(outsideSchedule(office, FRI_DUBLIN('17:29'))).toBeUndefined();
      expect(outsideSchedule(office, t('2026-07-03T17:29:59.999+01:00'))).toBeUndefined();
      expect(outsideSchedule(office, FRI_DUBLIN('17:30'))).toBeDefined();
      expect(outsideSchedule(office, FRI_DUBLIN('23:00'))).toBeDefined();
    });

    it('reads the hours in the zone, with daylight saving time (Dublin is UTC+1 in summer)', () => {
      // 08:30 UTC is 09:30 in Dublin in July: inside. Read as UTC it would be outside.
      expect(outsideSchedule(office, t('2026-07-03T08:30:00Z'))).toBeUndefined();
      expect(outsideSchedule({ ...office, timezone: 'UTC' }, t('2026-07-03T08:30:00Z'))).toBeDefined();
      // In January Dublin is on UTC: 08:30 UTC is 08:30 there, outside.
      expect(outsideSchedule(office, t('2026-01-16T08:30:00Z'))).toBeDefined();
      // 16:45 UTC in July is 17:45 in Dublin: after the window.
      expect(outsideSchedule(office, t('2026-07-03T16:45:00Z'))).toBeDefined();
    });

    it('New York: 13:59 UTC is 09:59 (EDT) in summer and 08:59 (EST) in winter', () => {
      const ny: Schedule = { timezone: 'America/New_York', from: '09:00', to: '17:00' };
      expect(outsideSchedule(ny, t('2026-07-01T13:59:00Z'))).toBeUndefined();
      expect(outsideSchedule(ny, t('2026-01-14T13:59:00Z'))).toBeDefined();
    });

    it('Kolkata: a half-hour offset', () => {
      const kolkata: Schedule = { timezone: 'Asia/Kolkata', from: '09:00', to: '18:00' };
      // 03:29 UTC is 08:59 IST; 03:30 UTC is 09:00 IST.
      expect(outsideSchedule(kolkata, t('2026-07-01T03:29:00Z'))).toBeDefined();
      expect(outsideSchedule(kolkata, t('2026-07-01T03:30:00Z'))).toBeUndefined();
      expect(outsideSchedule(kolkata, t('2026-07-01T12:29:00Z'))).toBeUndefined();
      expect(outsideSchedule(kolkata, t('2026-07-01T12:30:00Z'))).toBeDefined();
    });

    it('only from: from then until midnight; only to: from midnight until then', () => {
      expect(outsideSchedule({ timezone: 'UTC', from: '18:00' }, t('2026-07-01T17:59:00Z'))).toBeDefined();
      expect(outsideSchedule({ timezone: 'UTC', from: '18:00' }, t('2026-07-01T23:59:00Z'))).toBeUndefined();
      expect(outsideSchedule({ timezone: 'UTC', to: '06:00' }, t('2026-07-01T00:00:00Z'))).toBeUndefined();
      expect(outsideSchedule({ timezone: 'UTC', to: '06:00' }, t('2026-07-01T06:00:00Z'))).toBeDefined();
    });

    it('the detail says the local time, the zone and the window', () => {
      const detail = outsideSchedule(office, FRI_DUBLIN('07:05'))!;
      expect(detail).toContain('07:05');
      expect(detail).toContain('Europe/Dublin');
      expect(detail).toContain('09:00');
      expect(detail).toContain('17:30');
      expect(detail).toBe('it is 07:05 in Europe/Dublin; the schedule sends from 09:00 to 17:30');
    });

    it('the detail of a window with only one end names the open end as midnight', () => {
      expect(outsideSchedule({ timezone: 'UTC', from: '18:00' }, t('2026-07-01T10:00:00Z'))).toBe('it is 10:00 in UTC; the schedule sends from 18:00 to 24:00');
      expect(outsideSchedule({ timezone: 'UTC', to: '06:00' }, t('2026-07-01T10:00:00Z'))).toBe('it is 10:00 in UTC; the schedule sends from 00:00 to 06:00');
    });
  });

  describe('days in the schedule\'s zone', () => {
    const weekdays: Schedule = { timezone: 'Europe/Dublin', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };

    it('sends on the listed days only', () => {
      expect(outsideSchedule(weekdays, FRI_DUBLIN('12:00'))).toBeUndefined();
      expect(outsideSchedule(weekdays, SAT_DUBLIN('12:00'))).toBeDefined();
      expect(outsideSchedule(weekdays, t('2026-07-05T12:00:00+01:00'))).toBeDefined(); // Sunday
      expect(outsideSchedule(weekdays, t('2026-07-06T00:00:00+01:00'))).toBeUndefined(); // Monday, first minute
    });

    it('the day is the zone\'s, not UTC\'s: 23:30 UTC on Sunday is Monday in Tokyo', () => {
      const sundayLate = t('2026-06-07T23:30:00Z');
      expect(outsideSchedule({ timezone: 'Asia/Tokyo', days: ['mon'] }, sundayLate)).toBeUndefined();
      expect(outsideSchedule({ timezone: 'Asia/Tokyo', days: ['sun'] }, sundayLate)).toBeDefined();
      expect(outsideSchedule({ timezone: 'UTC', days: ['sun'] }, sundayLate)).toBeUndefined();
      expect(outsideSchedule({ timezone: 'UTC', days: ['mon'] }, sundayLate)).toBeDefined();
    });

    it('23:30 on Friday in New York is Saturday in UTC, and still Friday there', () => {
      const fridayNight = t('2026-07-03T23:30:00-04:00');
      expect(outsideSchedule({ timezone: 'America/New_York', days: ['fri'] }, fridayNight)).toBeUndefined();
      expect(outsideSchedule({ timezone: 'UTC', days: ['fri'] }, fridayNight)).toBeDefined();
    });

    it('the detail names the local day, the zone and the days it sends on', () => {
      const detail = outsideSchedule(weekdays, SAT_DUBLIN('12:00'))!;
      expect(detail).toContain('sat');
      expect(detail).toContain('Europe/Dublin');
      expect(detail).toContain('mon, tue, wed, thu, fri');
    });

    it('days and hours together: both must hold', () => {
      const s: Schedule = { ...weekdays, from: '09:00', to: '17:00' };
      expect(outsideSchedule(s, FRI_DUBLIN('10:00'))).toBeUndefined();
      expect(outsideSchedule(s, FRI_DUBLIN('18:00'))).toMatch(/18:00/);
      expect(outsideSchedule(s, SAT_DUBLIN('10:00'))).toMatch(/sat/);
    });
  });

  describe('a window across midnight ("22:00" to "06:00")', () => {
    const night: Schedule = { timezone: 'Europe/Dublin', from: '22:00', to: '06:00' };

    it('is inside from 22:00 until 05:59, outside from 06:00 until 21:59', () => {
      expect(outsideSchedule(night, FRI_DUBLIN('21:59'))).toBeDefined();
      expect(outsideSchedule(night, FRI_DUBLIN('22:00'))).toBeUndefined();
      expect(outsideSchedule(night, FRI_DUBLIN('23:00'))).toBeUndefined();
      expect(outsideSchedule(night, SAT_DUBLIN('00:00'))).toBeUndefined();
      expect(outsideSchedule(night, SAT_DUBLIN('05:59'))).toBeUndefined();
      expect(outsideSchedule(night, SAT_DUBLIN('06:00'))).toBeDefined();
      expect(outsideSchedule(night, SAT_DUBLIN('12:00'))).toBeDefined();
    });

    it('the detail outside it names both ends', () => {
      expect(outsideSchedule(night, SAT_DUBLIN('06:00'))).toBe('it is 06:00 in Europe/Dublin; the schedule sends from 22:00 to 06:00');
    });

    it('after midnight the window belongs to the day it started: days ["fri"] sends at 02:00 on Saturday', () => {
      const friday: Schedule = { ...night, days: ['fri'] };
      expect(outsideSchedule(friday, FRI_DUBLIN('22:00'))).toBeUndefined();
      expect(outsideSchedule(friday, FRI_DUBLIN('23:59'))).toBeUndefined();
      expect(outsideSchedule(friday, SAT_DUBLIN('02:00'))).toBeUndefined();
      expect(outsideSchedule(friday, SAT_DUBLIN('05:59'))).toBeUndefined();
      // Saturday's own window (from 22:00) is not Friday's.
      expect(outsideSchedule(friday, SAT_DUBLIN('06:00'))).toBeDefined();
      expect(outsideSchedule(friday, SAT_DUBLIN('22:00'))).toBeDefined();
      // Friday 02:00 is in the window that began on Thursday.
      expect(outsideSchedule(friday, FRI_DUBLIN('02:00'))).toBeDefined();
      expect(outsideSchedule({ ...night, days: ['thu'] }, FRI_DUBLIN('02:00'))).toBeUndefined();
      expect(outsideSchedule({ ...night, days: ['thu'] }, THU_DUBLIN('02:00'))).toBeDefined();
    });

    it('the week wraps: Sunday night\'s window runs into Monday', () => {
      const sunday: Schedule = { ...night, days: ['sun'] };
      expect(outsideSchedule(sunday, t('2026-07-06T03:00:00+01:00'))).toBeUndefined(); // Monday 03:00
      expect(outsideSchedule({ ...night, days: ['sat'] }, t('2026-07-05T03:00:00+01:00'))).toBeUndefined(); // Sunday 03:00
    });

    it('the detail for 02:00 on Friday (Thursday\'s window) does not contradict itself', () => {
      // Friday 02:00 belongs to the window that began on Thursday at 22:00. A detail like
      // "it is fri; the schedule sends on fri" leaves the reader no wiser: it must say
      // that this is Thursday's window.
      const detail = outsideSchedule({ ...night, days: ['fri'] }, FRI_DUBLIN('02:00'))!;
      expect(detail).toContain('Europe/Dublin');
      expect(detail).toContain('thu');
    });
  });

  describe('start_at and end_at', () => {
    const campaign: Schedule = { start_at: '2026-12-01T09:00:00Z', end_at: '2026-12-24T00:00:00Z' };

    it('start_at is inclusive, end_at is exclusive', () => {
      expect(outsideSchedule(campaign, t('2026-12-01T08:59:59.999Z'))).toBeDefined();
      expect(outsideSchedule(campaign, t('2026-12-01T09:00:00Z'))).toBeUndefined();
      expect(outsideSchedule(campaign, t('2026-12-23T23:59:59.999Z'))).toBeUndefined();
      expect(outsideSchedule(campaign, t('2026-12-24T00:00:00Z'))).toBeDefined();
    });

    it('each works alone', () => {
      expect(outsideSchedule({ start_at: '2026-12-01T09:00:00Z' }, t('2030-01-01T00:00:00Z'))).toBeUndefined();
      expect(outsideSchedule({ end_at: '2026-12-24T00:00:00Z' }, t('2020-01-01T00:00:00Z'))).toBeUndefined();
    });

    it('reads offsets in the dates', () => {
      const s: Schedule = { start_at: '2026-12-01T09:00:00+01:00' };
      expect(outsideSchedule(s, t('2026-12-01T07:59:00Z'))).toBeDefined();
      expect(outsideSchedule(s, t('2026-12-01T08:00:00Z'))).toBeUndefined();
    });

    it('the detail names the date', () => {
      expect(outsideSchedule(campaign, t('2026-11-01T00:00:00Z'))).toBe('the schedule starts at 2026-12-01T09:00:00Z');
      expect(outsideSchedule(campaign, t('2027-01-01T00:00:00Z'))).toBe('the schedule ended at 2026-12-24T00:00:00Z');
    });

    it('combine with days and hours: all must hold', () => {
      const s: Schedule = { ...campaign, timezone: 'Europe/Dublin', days: ['mon'], from: '09:00', to: '10:00' };
      // Monday 2026-12-07 09:30 in Dublin (UTC in winter).
      expect(outsideSchedule(s, t('2026-12-07T09:30:00Z'))).toBeUndefined();
      expect(outsideSchedule(s, t('2026-12-07T10:30:00Z'))).toBeDefined();
      expect(outsideSchedule(s, t('2026-12-08T09:30:00Z'))).toBeDefined();
      // Monday 2026-12-28 09:30: after end_at.
      expect(outsideSchedule(s, t('2026-12-28T09:30:00Z'))).toMatch(/ended/);
    });
  });
});
