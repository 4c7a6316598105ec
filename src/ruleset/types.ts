import type { Schedule } from '../engine/schedule';

/** Ruleset version 1, as documented in SPEC section 4. */

export type Primitive = string | number | boolean | null;

/** A single test of one value: `{ key: "duration_s", op: "gt", value: 120 }`. */
export interface Rule {
  /** Metadata conditions name a `key`; Where and audience conditions an `attr`. */
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
  series?: unknown[];
}
