import { describe, expect, it } from 'vitest';
import { reachesGoal } from './goal';

const SHOWN = Date.parse('2026-11-01T09:00:00Z');
const DAY = 864e5;
const WEEK = 7 * DAY;

describe('reachesGoal', () => {
  const history = { count: 1, last: SHOWN };

  it('an event within the window after the showing reaches the goal', () => {
    expect(reachesGoal('7d', history, SHOWN + 1)).toBe(true);
    expect(reachesGoal('7d', history, SHOWN + 3 * DAY)).toBe(true);
    expect(reachesGoal('1h', history, SHOWN + 59 * 6e4)).toBe(true);
  });

  it('exactly `within` after the showing is reached; 1 ms later is not', () => {
    expect(reachesGoal('7d', history, SHOWN + WEEK)).toBe(true);
    expect(reachesGoal('7d', history, SHOWN + WEEK + 1)).toBe(false);
    expect(reachesGoal('30s', history, SHOWN + 30_000)).toBe(true);
    expect(reachesGoal('30s', history, SHOWN + 30_001)).toBe(false);
  });

  it('at the very moment of the showing is reached', () => {
    expect(reachesGoal('7d', history, SHOWN)).toBe(true);
  });

  it('an event before the showing never reaches its goal', () => {
    expect(reachesGoal('7d', history, SHOWN - 1)).toBe(false);
    expect(reachesGoal('7d', history, SHOWN - DAY)).toBe(false);
  });

  it('counts once per showing: when history.goal is that showing, it is not reached again', () => {
    expect(reachesGoal('7d', { ...history, goal: SHOWN }, SHOWN + DAY)).toBe(false);
    // A goal recorded for an earlier showing does not block the latest one.
    expect(reachesGoal('7d', { count: 2, last: SHOWN, goal: SHOWN - WEEK }, SHOWN + DAY)).toBe(true);
  });

  it('nothing shown yet: not reached', () => {
    expect(reachesGoal('7d', undefined, SHOWN)).toBe(false);
  });

  it.each<unknown>(['soon', '7 days', '1.5h', '', '-1d', 7, null, undefined, {}])('an invalid within %j is never reached', (within) => {
    expect(reachesGoal(within, history, SHOWN + 1000)).toBe(false);
  });
});
