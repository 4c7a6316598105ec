import type { Decision } from '../engine/types';

const line = (d: Decision) => `${d.outcome} ${d.message_id} (${d.reason}): ${d.detail}`;

/** A group's title: the event and how many decisions it made, or the one decision made without an event. */
export const logTitle = (event: string | undefined, decisions: Decision[]) =>
  event === undefined ? line(decisions[0]!) : `${event}: ${decisions.length} decision${decisions.length === 1 ? '' : 's'}`;

/** `debug: true`: one collapsed console group of decisions, each with its reason and detail. */
export function logDecisions(event: string | undefined, decisions: Decision[]) {
  console.groupCollapsed(`[herald] ${logTitle(event, decisions)}`);
  for (const d of decisions) console.info(line(d), d);
  console.groupEnd();
}
