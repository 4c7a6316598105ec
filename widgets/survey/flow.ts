import { OPERATORS } from '../../src/engine/operators';

/** One question of a survey's content (SPEC section 4b). */
export interface Question {
  id: string;
  type: 'rating' | 'nps' | 'choice' | 'text';
  text: string;
  /** Ratings: the number of points, 3 to 10; 5 by default. */
  scale?: number;
  /** Ratings: stars (default) or faces. */
  style?: 'stars' | 'emoji';
  options?: string[];
  multiple?: boolean;
  other?: boolean;
  required?: boolean;
  show_if?: { question: string; op: string; value?: unknown };
}

/** What the person has answered so far, by question id. */
export type Answers = Record<string, unknown>;

const TYPES = ['rating', 'nps', 'choice', 'text'];

/**
 * The questions the widget can ask. A cached ruleset is shown without validation, so a
 * malformed question is left out rather than drawn half.
 */
export function questionsOf(content: unknown): Question[] {
  const list = (content as { questions?: unknown } | null)?.questions;
  return (Array.isArray(list) ? list : []).filter((q): q is Question => !!q && typeof q.id === 'string' && typeof q.text === 'string' && TYPES.includes(q.type)
    && (q.type !== 'choice' || (Array.isArray(q.options) && q.options.some((o: unknown) => typeof o === 'string'))));
}

/** A rating's number of points: the authored scale within 3 to 10, else 5. */
export const scaleOf = (q: Question) => (Number.isInteger(q.scale) && q.scale! >= 3 && q.scale! <= 10 ? q.scale! : 5);

/** Ops that hold for a list (a multiple choice) only when they hold for every item. */
const NEGATED = ['is_not', 'not_contains'];

/**
 * Whether a question is asked, given the answers before it: its `show_if` holds. An
 * unanswered (skipped) question has no answer, so only `not_exists` holds on it. A
 * multiple choice holds when one of its picks does (`is`, `contains`...), or all of them
 * (`is_not`, `not_contains`).
 */
export function isAsked(q: Question, answers: Answers, now: number): boolean {
  const rule = q.show_if;
  if (!rule) return true;
  if (!Object.hasOwn(OPERATORS, rule.op)) return false; // not "constructor" and the like
  const test = OPERATORS[rule.op]!;
  const answer = answers[rule.question];
  if (Array.isArray(answer) && answer.length) {
    const hold = (item: unknown) => test(item, rule.value, now);
    return NEGATED.includes(rule.op) ? answer.every(hold) : answer.some(hold);
  }
  return test(Array.isArray(answer) ? undefined : answer, rule.value, now);
}

/** The index of the next question to ask after `from`, or -1 when none is left. */
export function nextIndex(questions: Question[], from: number, answers: Answers, now: number): number {
  for (let i = from + 1; i < questions.length; i++) if (isAsked(questions[i]!, answers, now)) return i;
  return -1;
}

/** A choice in progress: the options picked and the text of "Other". */
export interface Picked {
  picked: string[];
  other: string;
}

/** The label and the `data-answer` of the "Other" choice. */
export const OTHER = 'Other';

/**
 * The answer a draft stands for, or undefined when there is none yet: a number for
 * ratings and NPS, the trimmed text, the option (or the "Other" text) of a single choice
 * and the list of them, in the order shown, of a multiple one.
 */
export function answerOf(q: Question, draft: unknown): unknown {
  if (q.type === 'text') return typeof draft === 'string' && draft.trim() ? draft.trim() : undefined;
  if (q.type !== 'choice') return typeof draft === 'number' ? draft : undefined;
  const { picked = [], other = '' } = (draft ?? {}) as Partial<Picked>;
  const answers = (q.options ?? []).filter((o) => picked.includes(o));
  if (q.other && picked.includes(OTHER)) answers.push(other.trim() || OTHER);
  if (!answers.length) return undefined;
  return q.multiple ? answers : answers[0];
}
