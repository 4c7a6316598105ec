import type { Conditions, Message } from '../ruleset/types';
import { evaluateConditions, type Resolve } from './conditions';
import { describeFailure } from './describe';
import { checkFrequency } from './frequency';
import { outsideSchedule } from './schedule';
import type { EvaluationInput, PageContext, Reason, Verdict } from './types';

const suppressed = (reason: Verdict['reason'], detail: string): Verdict => ({ outcome: 'suppressed', reason, detail });

/** Only the object's own keys: a rule on `constructor` must not find Object's. */
const own = (source: Record<string, unknown> | undefined, key: string) =>
  source && Object.hasOwn(source, key) ? source[key] : undefined;

/** Whole seconds spent on the page at `at`. */
const secondsOn = (page: PageContext, at: number) => Math.max(0, Math.floor((at - page.startedAt) / 1000));

/** The values that `where` rules name. `timeOnPage` overrides the seconds, to look ahead. */
export const pageResolver = (page: PageContext, at: number, timeOnPage?: number): Resolve => (name) => {
  if (name === 'current_url') return page.url;
  if (name === 'referrer') return page.referrer;
  if (name === 'time_on_page') return timeOnPage ?? secondsOn(page, at);
  return undefined;
};

/** The values that `audience` rules name: `user.<key>`. */
export const userResolver = (user: Record<string, unknown>): Resolve => (name) =>
  name.startsWith('user.') ? own(user, name.slice(5)) : undefined;

/** A failed condition tree as a suppression that names the rule and the value it saw. */
function check(conditions: Conditions | undefined, resolve: Resolve, at: number, reason: Reason): Verdict | undefined {
  const result = evaluateConditions(conditions, resolve, at);
  if (result.ok) return undefined;
  const rule = result.failed!;
  return suppressed(reason, describeFailure(rule, resolve(rule.key ?? rule.attr ?? '')));
}

/** Every number a `time_on_page` rule of the tree compares with. */
function timeThresholds(node: unknown, into: number[] = []): number[] {
  if (Array.isArray(node)) node.forEach((child) => timeThresholds(child, into));
  else if (node && typeof node === 'object') {
    const n = node as { attr?: unknown; value?: unknown; any?: unknown; all?: unknown };
    if (n.any || n.all) timeThresholds(n.any ?? n.all, into);
    else if (n.attr === 'time_on_page' && typeof n.value === 'number') into.push(Math.ceil(n.value), Math.floor(n.value) + 1);
  }
  return into;
}

/**
 * When `where` fails now but would hold after more time on the page (and nothing else
 * changes), the epoch ms at which it first holds.
 */
function whereHoldsLater(message: Message, page: PageContext, at: number): number | undefined {
  const now = secondsOn(page, at);
  const candidates = [...new Set(timeThresholds(message.where))].filter((s) => s > now).sort((a, b) => a - b);
  const later = candidates.find((s) => evaluateConditions(message.where, pageResolver(page, at, s), at).ok);
  return later === undefined ? undefined : page.startedAt + later * 1000;
}

/** A verdict, and for a message that waits on time on the page, when to look again. */
export type Evaluation = Verdict & { retryAt?: number };

/**
 * Decides whether one message may be shown now. Pure: every input is in `input`.
 * Rules are judged as of the event's own time (a held event keeps its time); the
 * frequency limit as of `input.now`, when the message would be shown. The first check
 * that fails is the reason: stopped, not_live, metadata, where, audience, schedule,
 * max_sends, frequency.
 */
export const evaluateMessage = (message: Message, input: EvaluationInput): Evaluation => evaluateWith(outsideSchedule, message, input);

/** Why `at` is outside a schedule, if it is (engine/schedule.ts). */
export type ScheduleCheck = (schedule: Message['schedule'], at: number) => string | undefined;

/**
 * evaluateMessage with the schedule check handed in: the SDK entry leaves schedule.ts
 * (time zones, windows) to extras.js, which it loads before it judges a message that
 * has a schedule.
 */
export function evaluateWith(outside: ScheduleCheck, message: Message, input: EvaluationInput): Evaluation {
  const { event, now } = input;
  const at = event?.at ?? now;
  if (message.state === 'stopped') return suppressed('stopped', 'the message is stopped');
  if (message.live_at !== undefined && at < Date.parse(message.live_at)) {
    return suppressed('not_live', `${event ? `${event.name} came` : 'the page was evaluated'} before the message went live at ${message.live_at}`);
  }
  const metadata = check(message.when?.metadata, (key) => own(event?.metadata, key), at, 'metadata');
  if (metadata) return metadata;
  const where = check(message.where, pageResolver(input.page, now), now, 'where');
  // Held back by time on the page alone, a message waits; anything else failing is final.
  const retryAt = where ? whereHoldsLater(message, input.page, now) : undefined;
  if (where && retryAt === undefined) return where;
  const audience = check(message.audience, userResolver(input.user), at, 'audience');
  if (audience) return audience;
  const schedule = outside(message.schedule, now);
  if (schedule) return suppressed('schedule', schedule);
  const frequency = checkFrequency(message.frequency, input.history, now);
  if (!frequency.ok) return suppressed(frequency.reason, frequency.detail);
  if (where && retryAt !== undefined) {
    return { outcome: 'pending', reason: 'where', detail: `waits until ${Math.round((retryAt - input.page.startedAt) / 1000)} seconds on the page (${where.detail})`, retryAt };
  }
  return { outcome: 'shown', reason: 'ok', detail: 'every rule held' };
}
