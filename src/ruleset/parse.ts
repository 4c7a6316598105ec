import type { Series } from '../engine/series';
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
  /** Series, and those entered by each event. */
  series: Series[];
  seriesByEvent: Map<string, Series[]>;
}

/** What the validator concluded of a document: usable (but for some messages) or not. */
export type Checked = { ok: true; invalid: InvalidMessage[]; invalidSeries?: InvalidMessage[] } | { ok: false; detail: string };

/** The validator, loaded when needed: its own chunk, since cached rulesets need none. */
export type Check = (doc: unknown) => Promise<Checked>;

export type ParseResult = { ok: true; value: IndexedRuleset } | { ok: false; detail: string };

const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};

/** Indexes a checked ruleset, leaving out its invalid messages. Does not validate. */
export function indexRuleset(ruleset: Ruleset, invalid: InvalidMessage[], invalidSeries: InvalidMessage[] = []): IndexedRuleset {
  const skipped = new Set(invalid.map((i) => i.index));
  const skippedSeries = new Set(invalidSeries.map((i) => i.index));
  const series = ((Array.isArray(ruleset.series) ? ruleset.series : []) as Series[]).filter((_s, i) => !skippedSeries.has(i));
  const value: IndexedRuleset = {
    ruleset, byId: new Map(), byEvent: new Map(), pageMessages: [], byGoal: new Map(),
    invalid: [...invalid, ...invalidSeries].map(({ id, detail }) => ({ id, detail })), series, seriesByEvent: new Map(),
  };
  for (const s of series) push(value.seriesByEvent, s.entry.event.trim(), s);
  // A message named by a series is shown only by its series, never on its own.
  const bySeries = new Set(series.flatMap((s) => s.blocks.flatMap((b) => ('message' in b ? [b.message] : []))));
  ruleset.messages.forEach((message, i) => {
    if (skipped.has(i)) return;
    value.byId.set(message.id, message);
    if (bySeries.has(message.id)) return;
    if (!message.when) value.pageMessages.push(message);
    else push(value.byEvent, message.when.event.trim(), message);
    if (message.goal) push(value.byGoal, message.goal.event.trim(), message);
  });
  return value;
}
