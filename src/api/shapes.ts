/**
 * The shapes that the npm package's calls take and give: rulesets and decisions. Copies
 * of the internal types (ruleset/types.ts, engine/types.ts, engine/explain.ts,
 * engine/schedule.ts, engine/series.ts), so that the package's declarations stand alone
 * (see types.ts); src/index.types.test.ts checks that each copy equals its original.
 */

// Rulesets (SPEC section 4).

export type Primitive = string | number | boolean | null;

/** One test of one value: `{ key: "duration_s", op: "gt", value: 120 }`. */
export interface Rule {
  /** Metadata conditions name a `key`; where and audience conditions an `attr`. */
  key?: string;
  attr?: string;
  op: string;
  value?: unknown;
}

/** A list means all must hold; `{ any: [...] }` and `{ all: [...] }` nest. */
export type Condition = Rule | { any: Condition[] } | { all: Condition[] };
export type Conditions = Condition[] | { any: Condition[] } | { all: Condition[] };

export type MessageType = 'banner' | 'chat' | 'post' | 'tour' | 'survey';

export interface Frequency {
  every?: string;
  max?: number | null;
}

/** Sending windows, each key optional; days and hours in `timezone` (default: the visitor's). */
export interface Schedule {
  timezone?: string;
  days?: string[];
  from?: string;
  to?: string;
  start_at?: string;
  end_at?: string;
}

export interface Message {
  id: string;
  type: MessageType;
  state?: 'live' | 'stopped';
  live_at?: string;
  when?: { event: string; metadata?: Conditions };
  where?: Conditions;
  audience?: Conditions;
  frequency?: Frequency;
  schedule?: Schedule;
  goal?: { event: string; within: string };
  content: Record<string, unknown>;
}

export interface Ruleset {
  version: 1;
  messages: Message[];
  /** Read as `Series` (validated at run time). */
  series?: unknown[];
}

/** A series (SPEC 4b): an event starts a person's run through its blocks. */
export interface Series {
  id: string;
  entry: { event: string; metadata?: Conditions; audience?: Conditions };
  exit?: Conditions;
  blocks: SeriesBlock[];
}

export type SeriesBlock =
  | { message: string }
  | { wait: string }
  | { rule: Conditions; for?: string; otherwise?: 'exit' | 'continue' };

// Decisions (SPEC section 6).

export type Outcome = 'shown' | 'suppressed' | 'pending' | 'goal';
export type Reason =
  | 'ok' | 'not_live' | 'stopped' | 'metadata' | 'where' | 'audience'
  | 'frequency' | 'max_sends' | 'schedule' | 'invalid' | 'busy';

/** One rule of a message, as it fared in one evaluation (`debug_tools: true` only). */
export interface RuleTrace {
  section: 'metadata' | 'where' | 'audience';
  rule: Rule;
  /** The value the rule read. */
  value: unknown;
  held: boolean;
}

/** The outcome of one evaluation of one message, given to `onDecision` listeners. */
export interface Decision {
  outcome: Outcome;
  reason: Reason;
  /** A sentence a person can read: "sent 12 minutes ago; next allowed at 14:05". */
  detail: string;
  /** Epoch ms. */
  at: number;
  message_id: string;
  /** The triggering event's name, or null. */
  event: string | null;
  /** With the setting `debug_tools: true` only: each rule, held or failed. */
  trace?: RuleTrace[];
}
