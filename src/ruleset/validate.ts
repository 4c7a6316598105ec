import { parseDuration } from '../engine/duration';
import { OPERATORS, toEpochMs } from '../engine/operators';
import { DAYS, isTimeZone, minutesOf } from '../engine/schedule';

/**
 * The ruleset validator, used at runtime (an invalid message is skipped alone) and by the
 * CLI (`herald validate`). Each problem has a JSON path and, where it helps, a hint a
 * person can act on (built into the CLI and tests; the SDK, which only needs to know
 * what is wrong, is built without hints, `__HINTS__` false, to stay small). Errors make a message unusable; warnings (unknown keys) do not.
 */
export interface Problem {
  path: string;
  message: string;
  hint?: string | false;
  level: 'error' | 'warning';
  /** The position of the message it belongs to, if any. */
  index?: number;
}

export const TYPES = ['banner', 'chat', 'post', 'tour', 'survey'];
const ID = /^[A-Za-z0-9_-]+$/;
const MESSAGE_KEYS = ['id', 'type', 'state', 'live_at', 'when', 'where', 'audience', 'frequency', 'schedule', 'goal', 'content'];
const WHERE_ATTRS = ['current_url', 'referrer', 'time_on_page'];
const DURATION_HINT = 'a whole number and a unit (s, m, h, d or w), like "30m", "1h" or "7d"';

const TEXT_OPS = ['contains', 'not_contains', 'starts_with', 'ends_with'];
const NUMBER_OPS = ['gt', 'gte', 'lt', 'lte'];
const DATE_OPS = ['before', 'after'];
const SPAN_OPS = ['more_than_ago', 'less_than_ago', 'in_more_than', 'in_less_than'];
const PRESENCE_OPS = ['exists', 'not_exists'];

/** Names people write for operators, and the one they mean. */
const ALIASES: Record<string, string> = {
  equals: 'is', eq: 'is', '=': 'is', '==': 'is', ne: 'is_not', not: 'is_not', '!=': 'is_not',
  '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', greater_than: 'gt', less_than: 'lt',
  includes: 'contains', startswith: 'starts_with', endswith: 'ends_with', has: 'exists', present: 'exists',
};

/** Edit distance, to suggest the key a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The nearest choice within two edits, if any. */
function closest(word: string, choices: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const choice of choices) {
    const d = distance(word.toLowerCase(), choice);
    if (d < bestDistance) [best, bestDistance] = [choice, d];
  }
  return best;
}

/** Warns of keys the SDK does not read (a typo would silently drop a rule). */
function unknownKeys(c: Collector, object: Record<string, unknown>, known: string[], path: string) {
  if (!__HINTS__) return; // warnings only help people: the SDK itself skips them
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const meant = closest(key, known);
    c.warn(`${path}.${key}`, `unknown key ${show(key)} is ignored`, __HINTS__ && (meant ? `did you mean "${meant}"?` : `known keys: ${known.join(', ')}`));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

class Collector {
  readonly problems: Problem[] = [];
  error(path: string, message: string, hint?: string | false) {
    this.problems.push({ path, message, level: 'error', ...(hint ? { hint } : {}) });
  }
  warn(path: string, message: string, hint?: string | false) {
    this.problems.push({ path, message, level: 'warning', ...(hint ? { hint } : {}) });
  }
}

type Kind = 'metadata' | 'where' | 'audience';

function checkRule(c: Collector, rule: Record<string, unknown>, path: string, kind: Kind) {
  const nameKey = kind === 'metadata' ? 'key' : 'attr';
  const name = rule[nameKey];
  if (typeof name !== 'string' || !name) {
    const other = kind === 'metadata' ? 'attr' : 'key';
    c.error(`${path}.${nameKey}`, `a ${kind} condition needs "${nameKey}"`, __HINTS__ && (other in rule ? `${kind} conditions name their value with "${nameKey}", not "${other}"` : undefined));
    return;
  }
  if (kind === 'where' && !WHERE_ATTRS.includes(name)) {
    c.error(`${path}.attr`, `unknown where attribute ${show(name)}`, __HINTS__ && (`where rules read ${WHERE_ATTRS.join(', ')}; user attributes go in "audience" as "user.<key>"`));
  }
  if (kind === 'audience' && !name.startsWith('user.')) {
    c.error(`${path}.attr`, `audience attribute ${show(name)} does not start with "user."`, __HINTS__ && (`write "user.${name}"`));
  }
  const op = rule.op;
  if (typeof op !== 'string' || !Object.hasOwn(OPERATORS, op)) {
    const alias = __HINTS__ && typeof op === 'string' ? ALIASES[op.toLowerCase()] ?? closest(op, Object.keys(OPERATORS)) : undefined;
    c.error(`${path}.op`, `unknown operator ${show(op)}`, __HINTS__ && (alias ? `did you mean "${alias}"?` : `operators: ${Object.keys(OPERATORS).join(', ')}`));
    return;
  }
  checkValue(c, name, op, rule.value, `${path}.value`);
}

/** Can the operator apply to the rule's value? */
function checkValue(c: Collector, name: string, op: string, value: unknown, path: string) {
  const numeric = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
  if (PRESENCE_OPS.includes(op)) return;
  if (TEXT_OPS.includes(op) && typeof value !== 'string') {
    c.error(path, `${op} compares text, but the value is ${show(value)}`, __HINTS__ && (typeof value === 'number' ? `write "${value}" in quotes, or use is / gt / lt for numbers` : 'give a string'));
  } else if (NUMBER_OPS.includes(op) && !(typeof value === 'number' && Number.isFinite(value))) {
    c.error(path, `${op} compares numbers, but the value is ${show(value)}`, __HINTS__ && (numeric ? `write ${Number(value)} without quotes` : 'give a number'));
  } else if ((op === 'is' || op === 'is_not') && !['string', 'number', 'boolean'].includes(typeof value)) {
    c.error(path, `${op} needs a string, a number or a boolean, not ${show(value)}`);
  } else if (DATE_OPS.includes(op) && toEpochMs(value) === undefined) {
    c.error(path, `${op} compares dates, but ${show(value)} is not one`, __HINTS__ && ('give an ISO date like "2026-12-01T09:00:00Z" or unix seconds'));
  } else if (SPAN_OPS.includes(op) && parseDuration(value) === undefined) {
    c.error(path, `${op} needs a duration, not ${show(value)}`, __HINTS__ && (`a duration is ${DURATION_HINT}`));
  }
  if (name === 'time_on_page' && !NUMBER_OPS.includes(op) && op !== 'is' && op !== 'is_not') {
    c.error(path.replace(/\.value$/, '.op'), `time_on_page is a number of seconds: ${op} cannot apply`, __HINTS__ && ('use gt, gte, lt or lte'));
  }
  // A scheme has no dots and is not followed by a port: "localhost:3000/files" has none.
  if ((name === 'current_url' || name === 'referrer') && (op === 'is' || op === 'is_not') && typeof value === 'string' && !/^[a-z][a-z0-9+-]*:(?!\d)/i.test(value)) {
    c.error(path, `${name} is the full URL, with its scheme: ${show(value)} never matches`, __HINTS__ && (value.startsWith('/')
      ? `write the full URL, like "https://your-site.example${value}", or use ends_with or contains`
      : `write "https://${value}", or use contains or ends_with`));
  }
}

function checkConditions(c: Collector, node: unknown, path: string, kind: Kind) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkConditions(c, child, `${path}[${i}]`, kind));
    return;
  }
  if (!isObject(node)) {
    c.error(path, `a condition must be an object, not ${show(node)}`, __HINTS__ && ('a list of { "key" or "attr", "op", "value" } objects, or { "any": [...] } / { "all": [...] }'));
    return;
  }
  for (const group of ['any', 'all'] as const) {
    if (group in node) {
      if (Array.isArray(node[group])) checkConditions(c, node[group], `${path}.${group}`, kind);
      else c.error(`${path}.${group}`, `"${group}" must be a list of conditions`);
      return;
    }
  }
  checkRule(c, node, path, kind);
}

function checkDuration(c: Collector, value: unknown, path: string) {
  if (parseDuration(value) === undefined) c.error(path, `${show(value)} is not a duration`, __HINTS__ && (`a duration is ${DURATION_HINT}`));
}

function checkDate(c: Collector, value: unknown, path: string) {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) c.error(path, `${show(value)} is not a date`, __HINTS__ && ('give an ISO date like "2026-12-01T09:00:00Z"'));
}

function checkWhen(c: Collector, when: unknown, path: string) {
  if (Array.isArray(when) || (isObject(when) && (Array.isArray(when.event) || 'events' in when))) {
    c.error(path, 'a message has exactly one event rule', __HINTS__ && ('make one message per event; use metadata conditions to narrow the event'));
    return;
  }
  if (!isObject(when) || typeof when.event !== 'string' || !when.event.trim()) {
    c.error(`${path}.event`, 'when needs the name of the event that triggers the message', __HINTS__ && ('like { "event": "uploaded-file" }; leave "when" out for a page message'));
    return;
  }
  if (when.metadata !== undefined) checkConditions(c, when.metadata, `${path}.metadata`, 'metadata');
  unknownKeys(c, when, ['event', 'metadata'], path);
}

function checkSchedule(c: Collector, schedule: unknown, path: string) {
  if (!isObject(schedule)) return c.error(path, 'schedule must be an object');
  if (schedule.timezone !== undefined && !isTimeZone(schedule.timezone)) {
    c.error(`${path}.timezone`, `unknown time zone ${show(schedule.timezone)}`, __HINTS__ && ('an IANA name like "Europe/Dublin" or "America/New_York"'));
  }
  if (schedule.days !== undefined && (!Array.isArray(schedule.days) || !schedule.days.length)) {
    c.error(`${path}.days`, Array.isArray(schedule.days) ? 'days is empty: the message would never send' : 'days must be a list', __HINTS__ && ('like ["mon", "tue", "wed", "thu", "fri"]'));
  } else if (schedule.days !== undefined) {
    (schedule.days as unknown[]).forEach((d, i) => {
      if (typeof d !== 'string' || !DAYS.includes(d)) c.error(`${path}.days[${i}]`, `unknown day ${show(d)}`, __HINTS__ && (`days are ${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].join(', ')}`));
    });
  }
  for (const key of ['from', 'to'] as const) {
    if (schedule[key] !== undefined && minutesOf(schedule[key]) === undefined) c.error(`${path}.${key}`, `${show(schedule[key])} is not a time of day`, __HINTS__ && ('write 24-hour "HH:MM", like "09:00" or "17:30"'));
  }
  if ((schedule.from !== undefined || schedule.to !== undefined) && (schedule.from ?? '00:00') === (schedule.to ?? '24:00')) {
    c.error(`${path}.to`, 'from and to are the same time: the window is empty');
  }
  unknownKeys(c, schedule, ['timezone', 'days', 'from', 'to', 'start_at', 'end_at'], path);
  for (const key of ['start_at', 'end_at'] as const) if (schedule[key] !== undefined) checkDate(c, schedule[key], `${path}.${key}`);
  if (typeof schedule.start_at === 'string' && typeof schedule.end_at === 'string' && Date.parse(schedule.end_at) <= Date.parse(schedule.start_at)) {
    c.error(`${path}.end_at`, 'end_at is not after start_at');
  }
}

const PLACEMENTS = ['top', 'bottom', 'left', 'right'].flatMap((side) => [side, `${side}-start`, `${side}-end`]);

function checkStrings(c: Collector, object: Record<string, unknown>, keys: string[], path: string) {
  for (const key of keys) if (object[key] !== undefined && typeof object[key] !== 'string') c.error(`${path}.${key}`, `${key} must be a string`);
}

function checkEnum(c: Collector, object: Record<string, unknown>, key: string, allowed: string[], path: string) {
  if (object[key] !== undefined && !allowed.includes(object[key] as string)) c.error(`${path}.${key}`, `${key} ${show(object[key])} is not one of ${allowed.join(', ')}`);
}

function checkAction(c: Collector, action: unknown, path: string) {
  if (!isObject(action) || typeof action.label !== 'string') c.error(path, 'an action needs a label', __HINTS__ && ('like { "label": "Share it", "url": "/share" }'));
  else checkStrings(c, action, ['url'], path);
}

function checkFrom(c: Collector, from: unknown, path: string) {
  if (from === undefined) return;
  if (!isObject(from)) c.error(path, 'from must be an object', __HINTS__ && ('like { "name": "Ada", "avatar_url": "/ada.png" }'));
  else checkStrings(c, from, ['name', 'avatar_url'], path);
}

const QUESTION_TYPES = ['rating', 'nps', 'choice', 'text'];
/** The keys of a question, beyond `id`, `type`, `text`, `required` and `show_if`, by type. */
const QUESTION_KEYS: Record<string, string[]> = { rating: ['scale', 'style'], choice: ['options', 'multiple', 'other'] };

/**
 * A survey's content (SPEC section 4b): optional intro and thank-you screens, and its
 * questions. A `show_if` names an earlier question (the widget asks in order) and an
 * operator that can hold on its answer: a number for rating and NPS, text otherwise.
 */
function checkSurvey(c: Collector, content: Record<string, unknown>, path: string) {
  unknownKeys(c, content, ['intro', 'questions', 'thanks'], path);
  for (const key of ['intro', 'thanks']) {
    const screen = content[key];
    if (screen === undefined) continue;
    if (!isObject(screen)) c.error(`${path}.${key}`, `${key} must be an object`, __HINTS__ && ('like { "title": "Quick question", "body": "<p>Two clicks.</p>" }'));
    else {
      checkStrings(c, screen, ['title', 'body'], `${path}.${key}`);
      unknownKeys(c, screen, ['title', 'body'], `${path}.${key}`);
    }
  }
  const questions = content.questions;
  if (!Array.isArray(questions) || !questions.length) {
    return c.error(`${path}.questions`, 'a survey needs a list of questions', __HINTS__ && ('like [{ "id": "q1", "type": "rating", "text": "How was it?" }]'));
  }
  /** The type of each question so far: show_if may only look back. */
  const earlier = new Map<unknown, unknown>();
  questions.forEach((q, i) => {
    const at = `${path}.questions[${i}]`;
    if (!isObject(q)) return c.error(at, 'a question must be an object');
    const { id, type, show_if: rule } = q;
    if (typeof id !== 'string' || !id) c.error(`${at}.id`, 'a question needs an id');
    else if (earlier.has(id)) c.error(`${at}.id`, `question id ${show(id)} is used twice`);
    if (!QUESTION_TYPES.includes(type as string)) c.error(`${at}.type`, `unknown question type ${show(type)}`, __HINTS__ && (`type is one of ${QUESTION_TYPES.join(', ')}`));
    if (typeof q.text !== 'string') c.error(`${at}.text`, 'a question needs its text');
    for (const key of ['required', 'multiple', 'other']) if (q[key] !== undefined && typeof q[key] !== 'boolean') c.error(`${at}.${key}`, `${key} must be true or false`);
    if (type === 'rating') {
      const { scale } = q;
      if (scale !== undefined && !(Number.isInteger(scale) && (scale as number) >= 3 && (scale as number) <= 10)) c.error(`${at}.scale`, `scale ${show(scale)} is not a whole number from 3 to 10`);
      checkEnum(c, q, 'style', ['stars', 'emoji'], at);
      if (__HINTS__ && q.style === 'emoji' && scale !== undefined && scale !== 3 && scale !== 5) c.warn(`${at}.style`, `there are faces for 3 or 5 points: a scale of ${show(scale)} shows stars`);
    }
    const options = q.options;
    if (type === 'choice' && (!Array.isArray(options) || !options.length || options.some((o) => typeof o !== 'string') || new Set(options).size < options.length)) {
      c.error(`${at}.options`, 'a choice needs a list of different options', __HINTS__ && ('like ["Photos", "Video", "Docs"]; "other": true adds an "Other" option with a text field'));
    }
    if (rule !== undefined) {
      const where = `${at}.show_if`;
      if (!isObject(rule) || !earlier.has(rule.question)) {
        c.error(`${where}.question`, 'show_if must name an earlier question', __HINTS__ && ('like { "question": "q1", "op": "lte", "value": 2 }'));
      } else if (typeof rule.op !== 'string' || !Object.hasOwn(OPERATORS, rule.op)) {
        c.error(`${where}.op`, `unknown operator ${show(rule.op)}`, __HINTS__ && (`operators: ${Object.keys(OPERATORS).join(', ')}`));
      } else {
        const count = c.problems.length;
        checkValue(c, '', rule.op, rule.value, `${where}.value`);
        // A well-formed rule that can never hold: the question would never be asked.
        if (__HINTS__ && c.problems.length === count && !PRESENCE_OPS.includes(rule.op)) {
          const numeric = ['rating', 'nps'].includes(earlier.get(rule.question) as string);
          if (typeof rule.value !== (numeric ? 'number' : 'string')) c.warn(`${where}.value`, `${show(rule.question)} is answered with ${numeric ? 'a number' : 'text'}: ${show(rule.value)} never matches`);
        }
      }
      if (isObject(rule)) unknownKeys(c, rule, ['question', 'op', 'value'], where);
    }
    if (typeof id === 'string') earlier.set(id, type);
    unknownKeys(c, q, ['id', 'type', 'text', 'required', 'show_if', ...(QUESTION_KEYS[type as string] ?? [])], at);
  });
}

/** The content of each message type (SPEC section 4). */
function checkContent(c: Collector, type: unknown, content: unknown, path: string) {
  if (!isObject(content)) return c.error(path, 'content is required', __HINTS__ && ('an object with what the message shows, like { "body": "<p>Hello</p>" }'));
  checkStrings(c, content, ['body', 'title', 'header_image_url'], path);
  if (type === 'banner') {
    checkEnum(c, content, 'position', ['top', 'bottom'], path);
    checkEnum(c, content, 'style', ['inline', 'floating'], path);
    if (content.action !== undefined) checkAction(c, content.action, `${path}.action`);
  } else if (type === 'chat') {
    checkFrom(c, content.from, `${path}.from`);
    checkEnum(c, content, 'reply', ['text', 'none'], path);
  } else if (type === 'post') {
    checkFrom(c, content.from, `${path}.from`);
    if (content.actions !== undefined) {
      if (!Array.isArray(content.actions) || content.actions.length > 3) c.error(`${path}.actions`, 'actions must be a list of at most 3', __HINTS__ && ('like [{ "label": "Try it", "url": "/new" }]'));
      else content.actions.forEach((a, i) => checkAction(c, a, `${path}.actions[${i}]`));
    }
  } else if (type === 'tour') {
    if (!Array.isArray(content.steps) || !content.steps.length) {
      c.error(`${path}.steps`, 'a tour needs a list of steps', __HINTS__ && ('like [{ "selector": "#upload", "title": "Upload", "body": "<p>Start here.</p>" }]'));
    } else {
      content.steps.forEach((step, i) => {
        const at = `${path}.steps[${i}]`;
        if (!isObject(step)) return c.error(at, 'a step must be an object');
        checkStrings(c, step, ['selector', 'title', 'body', 'url'], at);
        checkEnum(c, step, 'placement', PLACEMENTS, at);
      });
    }
  } else if (type === 'survey') {
    checkSurvey(c, content, path);
  }
}

/** The problems of one message. */
export function validateMessage(m: unknown, path: string): Problem[] {
  const c = new Collector();
  if (!isObject(m)) {
    c.error(path, 'a message must be an object');
    return c.problems;
  }
  if (typeof m.id !== 'string' || !ID.test(m.id)) c.error(`${path}.id`, `id ${show(m.id)} is missing or has other characters than letters, digits, "-" and "_"`);
  if (!TYPES.includes(m.type as string)) c.error(`${path}.type`, `unknown type ${show(m.type)}`, __HINTS__ && (`type is one of ${TYPES.join(', ')}`));
  if (m.state !== undefined && m.state !== 'live' && m.state !== 'stopped') c.error(`${path}.state`, `unknown state ${show(m.state)}`, __HINTS__ && ('state is "live" or "stopped"'));
  if (m.live_at !== undefined) checkDate(c, m.live_at, `${path}.live_at`);
  if (m.when !== undefined) checkWhen(c, m.when, `${path}.when`);
  if (m.where !== undefined) checkConditions(c, m.where, `${path}.where`, 'where');
  if (m.audience !== undefined) checkConditions(c, m.audience, `${path}.audience`, 'audience');
  if (m.frequency !== undefined) {
    if (!isObject(m.frequency)) c.error(`${path}.frequency`, 'frequency must be an object', __HINTS__ && ('like { "every": "1h", "max": 3 }'));
    else {
      if (m.frequency.every !== undefined) checkDuration(c, m.frequency.every, `${path}.frequency.every`);
      const max = m.frequency.max;
      if (max !== undefined && max !== null && !(Number.isInteger(max) && (max as number) >= 0)) c.error(`${path}.frequency.max`, `max ${show(max)} is not a whole number`, __HINTS__ && ('the most sends ever, like 3; null for no limit'));
      unknownKeys(c, m.frequency, ['every', 'max'], `${path}.frequency`);
    }
  }
  if (m.schedule !== undefined) checkSchedule(c, m.schedule, `${path}.schedule`);
  if (m.goal !== undefined) {
    if (!isObject(m.goal) || typeof m.goal.event !== 'string' || !m.goal.event.trim()) c.error(`${path}.goal.event`, 'a goal needs an event name', __HINTS__ && ('like { "event": "shared-file", "within": "7d" }'));
    else {
      checkDuration(c, m.goal.within, `${path}.goal.within`);
      unknownKeys(c, m.goal, ['event', 'within'], `${path}.goal`);
    }
  }
  checkContent(c, m.type, m.content, `${path}.content`);
  unknownKeys(c, m, MESSAGE_KEYS, path);
  return c.problems;
}

/**
 * Every problem of a ruleset document. `fatal` when it cannot be used at all: not an
 * object, not version 1, or without a messages list.
 */
export function validateRuleset(doc: unknown): { problems: Problem[]; fatal: boolean } {
  const c = new Collector();
  if (!isObject(doc)) {
    c.error('$', 'the ruleset must be a JSON object', __HINTS__ && ('like { "version": 1, "messages": [...] }'));
    return { problems: c.problems, fatal: true };
  }
  if (doc.version !== 1) c.error('$.version', `unsupported version ${show(doc.version)}`, __HINTS__ && ('this SDK reads "version": 1'));
  if (!Array.isArray(doc.messages)) c.error('$.messages', 'the ruleset needs a "messages" list');
  const fatal = c.problems.length > 0;
  unknownKeys(c, doc, ['version', 'messages', 'series'], '$');
  const seen = new Map<string, number>();
  (Array.isArray(doc.messages) ? doc.messages : []).forEach((m: unknown, i: number) => {
    const path = `$.messages[${i}]`;
    const problems = validateMessage(m, path);
    const id = isObject(m) ? m.id : undefined;
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else problems.unshift({ path: `${path}.id`, message: `id ${show(id)} is used twice (first at $.messages[${first}])`, hint: __HINTS__ && 'every message needs its own id', level: 'error' });
    }
    for (const problem of problems) c.problems.push({ ...problem, index: i });
  });
  validateSeries(c, doc, Array.isArray(doc.messages) ? doc.messages : []);
  return { problems: c.problems, fatal };
}

/**
 * The series of a ruleset (SPEC 4b), and the messages they name: those must exist, and may
 * not use `{{event.…}}` (a series message carries no event); that makes the message invalid.
 */
function validateSeries(c: Collector, doc: Record<string, unknown>, messages: unknown[]) {
  if (doc.series === undefined) return;
  if (!Array.isArray(doc.series)) return c.error('$.series', 'series must be a list');
  const ids = new Map<string, number>();
  messages.forEach((m, i) => { if (isObject(m) && typeof m.id === 'string') ids.set(m.id, i); });
  const seen = new Set<string>();
  doc.series.forEach((series: unknown, i: number) => {
    const path = `$.series[${i}]`;
    if (!isObject(series)) return c.error(path, 'a series must be an object');
    if (typeof series.id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(series.id)) c.error(`${path}.id`, `id ${show(series.id)} is missing or has other characters than letters, digits, "-" and "_"`);
    else if (seen.has(series.id)) c.error(`${path}.id`, `series id ${show(series.id)} is used twice`);
    else seen.add(series.id);
    const entry = series.entry;
    if (!isObject(entry) || typeof entry.event !== 'string' || !entry.event.trim()) c.error(`${path}.entry.event`, 'a series needs the event that enters it', __HINTS__ && ('like { "event": "signed-up" }'));
    else {
      if (entry.metadata !== undefined) checkConditions(c, entry.metadata, `${path}.entry.metadata`, 'metadata');
      if (entry.audience !== undefined) checkConditions(c, entry.audience, `${path}.entry.audience`, 'audience');
    }
    if (series.exit !== undefined) checkConditions(c, series.exit, `${path}.exit`, 'audience');
    if (!Array.isArray(series.blocks) || !series.blocks.length) return c.error(`${path}.blocks`, 'a series needs a list of blocks', __HINTS__ && ('like [{ "message": "welcome" }, { "wait": "1d" }, { "message": "tip" }]'));
    series.blocks.forEach((block: unknown, j: number) => {
      const at = `${path}.blocks[${j}]`;
      if (!isObject(block)) return c.error(at, 'a block must be an object');
      const kinds = ['message', 'wait', 'rule'].filter((k) => k in block);
      if (kinds.length !== 1) return c.error(at, 'a block is one of { "message" }, { "wait" } or { "rule" }');
      if ('wait' in block) return checkDuration(c, block.wait, `${at}.wait`);
      if ('rule' in block) {
        checkConditions(c, block.rule, `${at}.rule`, 'audience');
        if (block.for !== undefined) checkDuration(c, block.for, `${at}.for`);
        if (block.otherwise !== undefined && block.otherwise !== 'exit' && block.otherwise !== 'continue') c.error(`${at}.otherwise`, `otherwise is "exit" or "continue", not ${show(block.otherwise)}`);
        return;
      }
      const index = typeof block.message === 'string' ? ids.get(block.message) : undefined;
      if (index === undefined) return c.error(`${at}.message`, `no message with the id ${show(block.message)}`);
      if (JSON.stringify((messages[index] as Record<string, unknown>).content ?? '').includes('{{event.')) {
        c.problems.push({ path: `$.messages[${index}].content`, message: `the message is shown by the series ${show(series.id)}, which carries no event: {{event.…}} cannot be used`, hint: __HINTS__ && 'use {{user.…}} values, or show the message on its own event instead', level: 'error', index });
      }
    });
  });
}

/** A problem as one line: `$.messages[0].frequency.every: "soon" is not a duration`. */
export const formatProblem = (p: Problem) => `${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
