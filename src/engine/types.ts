import type { Primitive } from '../ruleset/types';
import type { SendHistory } from './frequency';

/** An event as recorded by `trackEvent`: its time is the time of the call. */
export interface TrackedEvent {
  name: string;
  metadata: Record<string, Primitive>;
  /** Epoch ms of the `trackEvent` call. */
  at: number;
}

/** The page the visitor is on. */
export interface PageContext {
  url: string;
  referrer: string;
  /** Epoch ms at which this page (or single-page-app route) began. */
  startedAt: number;
}

/** Everything one evaluation of one message reads. The engine reads nothing else. */
export interface EvaluationInput {
  /** The triggering event; absent for page messages. */
  event?: TrackedEvent;
  page: PageContext;
  /** User attributes, `type` included (`user` or `visitor`). */
  user: Record<string, unknown>;
  /** What this person was shown of the message so far. */
  history?: SendHistory;
  /** Epoch ms at which the message would be shown. */
  now: number;
}

export type Outcome = 'shown' | 'suppressed' | 'pending' | 'goal';
export type Reason =
  | 'ok' | 'not_live' | 'stopped' | 'metadata' | 'where' | 'audience'
  | 'frequency' | 'max_sends' | 'schedule' | 'invalid' | 'busy';

/** What an evaluation concluded, before it is stamped into a decision. */
export interface Verdict {
  outcome: Outcome;
  reason: Reason;
  detail: string;
}

/** SPEC section 6: the outcome of one evaluation of one message. */
export interface Decision extends Verdict {
  /** Epoch ms. */
  at: number;
  message_id: string;
  /** The triggering event's name, or null. */
  event: string | null;
  /** With the setting `debug_tools: true` only: each rule, held or failed. */
  trace?: import('./explain').RuleTrace[];
}
