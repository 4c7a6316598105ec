/**
 * The validator as the SDK runs it: its own chunk (dist/validate.js), loaded only when a
 * ruleset must be checked (a new one from the network, or one given to debug:loadRuleset), and
 * the split and compiling of a checked ruleset for the cache.
 */
import type { Series } from '../engine/series';
import { push, seriesMessages, type Checked, type InvalidMessage, type Prepared, type SplitRuleset } from './parse';
import type { Message, Ruleset } from './types';
import { formatProblem, validateRuleset } from './validate';

/**
 * Checks a ruleset document. One that is not an object of version 1 with a `messages`
 * list is rejected whole; an invalid message is listed with its first error, to be
 * skipped alone. Warnings (unknown keys) do not stop a message.
 */
export function checkRuleset(doc: unknown): Checked {
  const { problems, fatal } = validateRuleset(doc);
  if (fatal) return { ok: false, detail: formatProblem(problems.find((p) => p.level === 'error')!) };
  const invalid: InvalidMessage[] = [];
  const invalidSeries: InvalidMessage[] = [];
  const { messages, series = [] } = doc as Ruleset;
  const add = (list: InvalidMessage[], items: unknown[], index: number, detail: string) => {
    if (list.some((i) => i.index === index)) return;
    const id = (items[index] as { id?: unknown } | undefined)?.id;
    list.push({ index, id: typeof id === 'string' && id ? id : `#${index}`, detail });
  };
  for (const p of problems) {
    if (p.level !== 'error') continue;
    const inSeries = /^\$\.series\[(\d+)\]/.exec(p.path);
    if (p.index !== undefined) add(invalid, messages, p.index, formatProblem(p));
    else if (inSeries) add(invalidSeries, series, Number(inSeries[1]), formatProblem(p));
  }
  return { ok: true, invalid, invalidSeries };
}

/** A message that a page needs before any event, or finds by its id (see RulesetHead). */
const inHead = (m: Message, bySeries: Set<string>): unknown => !m.when || bySeries.has(m.id) || m.goal || m.schedule || m.type === 'tour' || m.type === 'survey';

/** Splits a checked ruleset into its head and each event's messages, leaving out invalid ones. */
function splitRuleset(ruleset: Ruleset, invalid: InvalidMessage[], invalidSeries: InvalidMessage[] = []): SplitRuleset {
  const valid = <T>(items: T[], skipped: InvalidMessage[]) => {
    const places = new Set(skipped.map((s) => s.index));
    return items.filter((_item, i) => !places.has(i));
  };
  const series = valid((Array.isArray(ruleset.series) ? ruleset.series : []) as Series[], invalidSeries);
  const bySeries = seriesMessages(series);
  const messages = valid(ruleset.messages, invalid);
  const events = new Map<string, Message[]>();
  for (const m of messages) if (m.when && !bySeries.has(m.id)) push(events, m.when.event.trim(), m);
  return { head: { messages: messages.filter((m) => inHead(m, bySeries)), series, invalid: [...invalid, ...invalidSeries] }, events };
}

/** The lists of this many events make one part of the cache's Blob, and one task (see compile). */
const PART_LISTS = 250;

/**
 * Checks a document and splits it, for the SDK: `compile` makes the cache's record of it,
 * giving the main thread back every few hundred events.
 */
export function prepareRuleset(doc: unknown): Prepared {
  const checked = checkRuleset(doc);
  if (!checked.ok) return checked;
  const split = splitRuleset(doc as Ruleset, checked.invalid, checked.invalidSeries);
  return {
    ok: true,
    ...split,
    async compile(pause) {
      const place = new Map(split.head.messages.map((m, i) => [m, i]));
      // The lists as a Blob, which IndexedDB stores apart and hands back unread (ruleset/parse.ts).
      // Made in parts, a task each: Chromium takes tens of milliseconds to make a Blob of a
      // megabyte of text (a long task), and a Blob of Blobs copies nothing.
      const parts: Blob[] = [];
      let lists: string[] = [];
      // No prototype: an event may be named __proto__.
      const index: Record<string, [number, number]> = Object.create(null);
      let end = 0;
      for (const [name, messages] of split.events) {
        const list = JSON.stringify(messages.map((m) => place.get(m) ?? m));
        index[name] = [end, (end += list.length)];
        if (lists.push(list) < PART_LISTS) continue;
        parts.push(new Blob(lists));
        lists = [];
        await pause();
      }
      parts.push(new Blob(lists));
      return { head: JSON.stringify(split.head), events: new Blob(parts), index: JSON.stringify(index) };
    },
  };
}
