import { parseDuration } from './duration';
import type { SendHistory } from './frequency';

/**
 * Does an event at `at` reach the goal of the latest showing? Only within `within` after
 * that showing, and once per showing (`history.goal` holds the showing already counted).
 */
export function reachesGoal(within: unknown, history: SendHistory | undefined, at: number): boolean {
  const span = parseDuration(within);
  if (!history || span === undefined || history.goal === history.last) return false;
  return at >= history.last && at - history.last <= span;
}
