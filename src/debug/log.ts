import type { Decision } from '../engine/types';

/** `debug: true`: one collapsed console group of decisions, each with its reason and detail. */
export function logDecisions(title: string, decisions: Decision[]) {
  console.groupCollapsed(`[herald] ${title}`);
  for (const d of decisions) console.info(`${d.outcome} ${d.message_id} (${d.reason}): ${d.detail}`, d);
  console.groupEnd();
}
