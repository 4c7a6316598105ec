import type { Message, Ruleset } from './types';

/** A message skipped because it is invalid: its position, id and the first problem. */
export interface InvalidMessage {
  index: number;
  id: string;
  detail: string;
}

/** A ruleset ready for evaluation: valid messages indexed by their trigger. */
export interface IndexedRuleset {
  ruleset: Ruleset;
  byId: Map<string, Message>;
  /** Event-triggered messages by event name. */
  byEvent: Map<string, Message[]>;
  /** Messages without `when`, evaluated on each page. */
  pageMessages: Message[];
  /** Messages with a `goal`, by the goal's event name. */
  byGoal: Map<string, Message[]>;
  /** Messages skipped because they are invalid, with why. */
  invalid: { id: string; detail: string }[];
}

/** What the validator concluded of a document: usable (but for some messages) or not. */
export type Checked = { ok: true; invalid: InvalidMessage[] } | { ok: false; detail: string };

/** The validator, loaded when needed: its own chunk, since cached rulesets need none. */
export type Check = (doc: unknown) => Promise<Checked>;

export type ParseResult = { ok: true; value: IndexedRuleset } | { ok: false; detail: string };

const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};

/** Indexes a checked ruleset, leaving out its invalid messages. Does not validate. */
export function indexRuleset(ruleset: Ruleset, invalid: InvalidMessage[]): IndexedRuleset {
  const skipped = new Set(invalid.map((i) => i.index));
  const value: IndexedRuleset = { ruleset, byId: new Map(), byEvent: new Map(), pageMessages: [], byGoal: new Map(), invalid: invalid.map(({ id, detail }) => ({ id, detail })) };
  ruleset.messages.forEach((message, i) => {
    if (skipped.has(i)) return;
    value.byId.set(message.id, message);
    if (!message.when) value.pageMessages.push(message);
    else push(value.byEvent, message.when.event.trim(), message);
    if (message.goal) push(value.byGoal, message.goal.event.trim(), message);
  });
  return value;
}
