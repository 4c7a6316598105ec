import type { Series } from '../engine/series';
import type { Message } from './types';

/** A message skipped because it is invalid: its position, id and the first problem. */
export interface InvalidMessage {
  index: number;
  id: string;
  detail: string;
}

/**
 * What a page needs of a ruleset before any event comes: the messages evaluated on each
 * page and those found by their id, the series, and what was skipped as invalid. The
 * messages of each event are kept apart, read the first time that event comes.
 */
export interface RulesetHead {
  /**
   * In ruleset order: page messages, the messages of series, tours and surveys (started
   * by id), and messages with a goal or a schedule (extras.js is fetched for those).
   */
  messages: Message[];
  series: Series[];
  /** What was skipped (a message's, or a series', place in its list, its id, the first problem). */
  invalid: InvalidMessage[];
}

/** A checked ruleset, split: the head, and each event's messages by its trimmed name. */
export interface SplitRuleset {
  head: RulesetHead;
  events: Map<string, Message[]>;
}

/**
 * A split ruleset as the cache keeps it: text, since IndexedDB reads a few long strings
 * back at once, where a megabyte of objects (or thousands of strings) takes milliseconds to
 * rebuild. A page parses the head; an event's messages only when that event first comes,
 * so that a page view pays for the events it tracks, not for the whole ruleset.
 */
export interface CompiledRuleset {
  head: string;
  /**
   * Each event's list of messages, as JSON, one after the other; a message of the head is
   * its place in `head.messages`. The cache keeps it as a Blob, which IndexedDB hands back
   * unread: a page reads it the first time an event with messages comes.
   */
  events: string | Blob;
  /** JSON of `{ [event]: [start, end] }`: where each event's list is in `events`. */
  index: string;
}

/** A ruleset ready for evaluation: valid messages indexed by their trigger. */
export interface IndexedRuleset {
  /** The messages of the head, by id. */
  byId: Map<string, Message>;
  /** Messages without `when`, evaluated on each page. */
  pageMessages: Message[];
  /** Messages with a `goal`, by the goal's event name. */
  byGoal: Map<string, Message[]>;
  /** Messages skipped because they are invalid, with why. */
  invalid: { id: string; detail: string }[];
  /** Series, and those entered by each event. */
  series: Series[];
  seriesByEvent: Map<string, Series[]>;
  /**
   * Resolves once `triggered(event)` can answer (without an event: for every event), to
   * false if the lists could not be read (the cache's Blob is gone).
   */
  load(event?: string): Promise<boolean>;
  /** The messages an event triggers, in ruleset order (after `load`). */
  triggered(event: string): Message[];
  /** Every message (the QA page's history): reads every event's messages. */
  all(): Promise<Message[]>;
}

/** What the validator concluded of a document: usable (but for some messages) or not. */
export type Checked = { ok: true; invalid: InvalidMessage[]; invalidSeries?: InvalidMessage[] } | { ok: false; detail: string };

/** A checked document, split, with the means to compile it for the cache. */
export type Prepared = ({ ok: true; compile(pause: () => Promise<void>): Promise<CompiledRuleset> } & SplitRuleset) | { ok: false; detail: string };

/** The validator, loaded when needed: its own chunk, since cached rulesets need none. */
export type Prepare = (doc: unknown) => Promise<Prepared>;

export type ParseResult = { ok: true; value: IndexedRuleset } | { ok: false; detail: string };

export const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};

/** The ids of the messages series show: those are shown only by their series. */
export const seriesMessages = (series: Series[]) => new Set(series.flatMap((s) => s.blocks.flatMap((b) => ('message' in b ? [b.message] : []))));

/** Each event's messages, asked once per event: a Map, or the cache's text read on demand. */
export interface EventLists {
  get(event: string): Message[] | undefined;
  keys(): Iterable<string>;
  load?: IndexedRuleset['load'];
}

/** Indexes a split ruleset. */
export function createIndex(head: RulesetHead, events: EventLists): IndexedRuleset {
  const read = new Map<string, Message[]>();
  const triggered = (event: string) => {
    let list = read.get(event);
    if (!list) read.set(event, (list = events.get(event) ?? []));
    return list;
  };
  const value: IndexedRuleset = {
    ...head, byId: new Map(), pageMessages: [], byGoal: new Map(), seriesByEvent: new Map(),
    triggered,
    load: events.load ?? (async () => true),
    all: async () => {
      await value.load();
      return [...new Set([...head.messages, ...[...events.keys()].flatMap(triggered)])];
    },
  };
  for (const s of head.series) push(value.seriesByEvent, s.entry.event.trim(), s);
  const bySeries = seriesMessages(head.series);
  for (const message of head.messages) {
    value.byId.set(message.id, message);
    if (bySeries.has(message.id)) continue;
    if (!message.when) value.pageMessages.push(message);
    if (message.goal) push(value.byGoal, message.goal.event.trim(), message);
  }
  return value;
}

/**
 * Indexes a compiled ruleset (the cache): throws if its head or its index does not parse.
 * A damaged list (or index entry) gives its event no messages, not an error at each one.
 */
export function readCompiled({ head, events, index }: CompiledRuleset): IndexedRuleset {
  const parsed = JSON.parse(head) as RulesetHead;
  const places = Object(JSON.parse(index)) as Record<string, [number, number]>;
  let text = '';
  let reading: Promise<boolean> | undefined;
  return createIndex(parsed, {
    // The lists are read at the first event that has some; from then on, every event waits
    // for that read, so that events are still evaluated in the order they came.
    async load(event) {
      if (!event || Object.hasOwn(places, event)) reading ??= new Response(events).text().then((t) => (text = t, true), () => false);
      return reading ?? true;
    },
    get(event) {
      try {
        if (!Object.hasOwn(places, event)) return undefined;
        return (JSON.parse(text.slice(...places[event]!)) as unknown[]).map((m) => (typeof m === 'number' ? parsed.messages[m] : m)).filter((m): m is Message => typeof (m as Message | undefined)?.id === 'string');
      } catch {
        return [];
      }
    },
    keys: () => Object.keys(places),
  });
}
