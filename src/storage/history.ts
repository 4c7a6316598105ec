import { checkFrequency, recordSend, type FrequencyVerdict, type SendHistory } from '../engine/frequency';
import { describeSpan } from '../engine/span';
import { reachesGoal } from '../engine/goal';
import type { Frequency } from '../ruleset/types';
import type { Store } from './store';

const isHistory = (v: unknown): v is SendHistory =>
  typeof v === 'object' && v !== null && Number.isFinite((v as SendHistory).count) && Number.isFinite((v as SendHistory).last);

/** The key of one person's sends of one message, namespaced by app. */
export const historyKey = (appId: string, person: string, messageId: string) => `${appId}/sends/${person}/${messageId}`;

/** One person's sends of one message; a record of an unknown shape reads as none. */
export async function readHistory(store: Store, key: string): Promise<SendHistory | undefined> {
  const value = await store.get<unknown>(key);
  return isHistory(value) ? value : undefined;
}

/**
 * Checks the frequency limit and records the send in one atomic step, so that tabs
 * racing for the same send cannot both win: the second sees the first's record.
 */
export async function claimSend(store: Store, key: string, frequency: Frequency | undefined, now: number): Promise<FrequencyVerdict> {
  let verdict: FrequencyVerdict = { ok: false, reason: 'frequency', detail: 'the send could not be recorded' };
  await store.update<unknown>(key, (old) => {
    const history = isHistory(old) ? old : undefined;
    verdict = checkFrequency(frequency, history, now);
    return verdict.ok ? recordSend(history, now) : old;
  });
  return verdict;
}

/**
 * Records that an event reached the goal of the latest showing, in one atomic step (so
 * two tabs count it once). Resolves to the decision's detail when it did.
 */
export async function claimGoal(store: Store, key: string, within: unknown, event: { name: string; at: number }): Promise<string | undefined> {
  let reached: string | undefined;
  await store.update<unknown>(key, (old) => {
    if (!isHistory(old) || !reachesGoal(within, old, event.at)) return old;
    reached = `${event.name} came ${describeSpan(event.at - old.last)} after the message was shown`;
    return { ...old, goal: old.last };
  });
  return reached;
}
