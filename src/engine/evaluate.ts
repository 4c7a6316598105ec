import type { Message } from '../ruleset/types';
import { describeRule, evaluateConditions, type Resolve } from './conditions';
import { checkFrequency } from './frequency';
import type { EvaluationInput, PageContext, Verdict } from './types';

const suppressed = (reason: Verdict['reason'], detail: string): Verdict => ({ outcome: 'suppressed', reason, detail });

/** The values that `where` rules name. */
export const pageResolver = (page: PageContext, at: number): Resolve => (name) => {
  if (name === 'current_url') return page.url;
  if (name === 'referrer') return page.referrer;
  if (name === 'time_on_page') return Math.max(0, Math.floor((at - page.startedAt) / 1000));
  return undefined;
};

/** The values that `audience` rules name: `user.<key>`. */
export const userResolver = (user: Record<string, unknown>): Resolve => (name) =>
  name.startsWith('user.') ? own(user, name.slice(5)) : undefined;

/** Only the object's own keys: a rule on `constructor` must not find Object's. */
const own = (source: Record<string, unknown> | undefined, key: string) =>
  source && Object.hasOwn(source, key) ? source[key] : undefined;

/**
 * Decides whether one message may be shown now. Pure: every input is in `input`.
 * Rules are judged as of the event's own time (a held event keeps its time); the
 * frequency limit as of `input.now`, when the message would be shown.
 * The checks run in the order of SPEC section 6, and the first that fails is the reason.
 */
export function evaluateMessage(message: Message, input: EvaluationInput): Verdict {
  const { event, now } = input;
  const at = event?.at ?? now;
  if (message.state === 'stopped') return suppressed('stopped', 'the message is stopped');
  if (message.live_at !== undefined && at < Date.parse(message.live_at)) {
    return suppressed('not_live', `${event ? 'the event came' : 'evaluated'} before the message went live at ${message.live_at}`);
  }
  const metadata = evaluateConditions(message.when?.metadata, (key) => own(event?.metadata, key), at);
  if (!metadata.ok) {
    const key = metadata.failed?.key ?? '';
    const value = own(event?.metadata, key);
    return suppressed('metadata', `${describeRule(metadata.failed!)} did not hold (${value === undefined ? `no ${key}` : `was ${JSON.stringify(value)}`})`);
  }
  const where = evaluateConditions(message.where, pageResolver(input.page, at), at);
  if (!where.ok) return suppressed('where', `${describeRule(where.failed!)} did not hold`);
  const audience = evaluateConditions(message.audience, userResolver(input.user), at);
  if (!audience.ok) return suppressed('audience', `${describeRule(audience.failed!)} did not hold`);
  const frequency = checkFrequency(message.frequency, input.history, now);
  if (!frequency.ok) return suppressed(frequency.reason, frequency.detail);
  return { outcome: 'shown', reason: 'ok', detail: 'every rule held' };
}
