import { parseDuration } from '../engine/duration';
import { OPERATORS } from '../engine/operators';
import type { Message, MessageType, Ruleset } from './types';

const TYPES: MessageType[] = ['banner', 'chat', 'post', 'tour', 'survey'];
const ID = /^[A-Za-z0-9_-]+$/;

/** A ruleset ready for evaluation: valid messages indexed by their trigger. */
export interface IndexedRuleset {
  ruleset: Ruleset;
  byId: Map<string, Message>;
  /** Event-triggered messages by event name. */
  byEvent: Map<string, Message[]>;
  /** Messages without `when`, evaluated on each page. */
  pageMessages: Message[];
  /** Messages skipped because they are invalid, with why. */
  invalid: { id: string; detail: string }[];
}

export type ParseResult = { ok: true; value: IndexedRuleset } | { ok: false; detail: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a condition tree is malformed, or undefined when it is well formed. */
function conditionProblem(node: unknown, name: 'key' | 'attr'): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const problem = conditionProblem(child, name);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isObject(node)) return 'a condition must be an object';
  if ('any' in node || 'all' in node) return conditionProblem(node.any ?? node.all, name);
  if (typeof node[name] !== 'string') return `a condition needs "${name}"`;
  if (typeof node.op !== 'string' || !Object.hasOwn(OPERATORS, node.op)) return `unknown operator ${JSON.stringify(node.op)}`;
  return undefined;
}

/** Why a message cannot be used, or undefined when it is valid. */
export function messageProblem(m: Record<string, unknown>): string | undefined {
  if (!TYPES.includes(m.type as MessageType)) return `unknown type ${JSON.stringify(m.type)}`;
  if (!isObject(m.content)) return 'content is required';
  if (m.state !== undefined && m.state !== 'live' && m.state !== 'stopped') return `unknown state ${JSON.stringify(m.state)}`;
  if (m.live_at !== undefined && (typeof m.live_at !== 'string' || Number.isNaN(Date.parse(m.live_at)))) return 'live_at is not a date';
  if (m.when !== undefined) {
    if (!isObject(m.when) || typeof m.when.event !== 'string' || !m.when.event.trim()) return 'when needs one event name';
    if (m.when.metadata !== undefined) {
      const problem = conditionProblem(m.when.metadata, 'key');
      if (problem) return `when.metadata: ${problem}`;
    }
  }
  for (const field of ['where', 'audience'] as const) {
    const problem = m[field] === undefined ? undefined : conditionProblem(m[field], 'attr');
    if (problem) return `${field}: ${problem}`;
  }
  if (m.frequency !== undefined) {
    if (!isObject(m.frequency)) return 'frequency must be an object';
    const { every, max } = m.frequency;
    if (every !== undefined && parseDuration(every) === undefined) return `frequency.every ${JSON.stringify(every)} is not a duration like "1h"`;
    if (max !== undefined && max !== null && !(Number.isInteger(max) && (max as number) >= 0)) return 'frequency.max must be a whole number or null';
  }
  return undefined;
}

/**
 * Reads a ruleset document. One that is not an object of version 1 with a `messages`
 * list is rejected whole; an invalid message is skipped alone and listed in `invalid`.
 */
export function parseRuleset(doc: unknown): ParseResult {
  if (!isObject(doc)) return { ok: false, detail: 'the ruleset is not a JSON object' };
  if (doc.version !== 1) return { ok: false, detail: `unsupported ruleset version ${JSON.stringify(doc.version)}` };
  if (!Array.isArray(doc.messages)) return { ok: false, detail: 'the ruleset has no "messages" list' };
  const value: IndexedRuleset = { ruleset: doc as unknown as Ruleset, byId: new Map(), byEvent: new Map(), pageMessages: [], invalid: [] };
  doc.messages.forEach((raw: unknown, i: number) => {
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : `#${i}`;
    const problem = !isObject(raw) ? 'a message must be an object'
      : !ID.test(id) ? `id ${JSON.stringify(raw.id)} must be letters, digits, "-" or "_"`
      : value.byId.has(id) ? `id ${id} is used twice`
      : messageProblem(raw);
    if (problem) {
      value.invalid.push({ id, detail: problem });
      return;
    }
    const message = raw as unknown as Message;
    value.byId.set(id, message);
    if (!message.when) value.pageMessages.push(message);
    else {
      const name = message.when.event.trim();
      const list = value.byEvent.get(name) ?? [];
      list.push(message);
      value.byEvent.set(name, list);
    }
  });
  return { ok: true, value };
}
