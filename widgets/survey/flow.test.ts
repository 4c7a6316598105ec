import { describe, expect, it } from 'vitest';
import { answerOf, isAsked, nextIndex, questionsOf, scaleOf, type Question } from './flow';

const NOW = Date.parse('2026-11-02T10:00:00Z');
const rating: Question = { id: 'q1', type: 'rating', text: 'How was it?' };
const choice: Question = { id: 'q2', type: 'choice', text: 'What?', options: ['Photos', 'Video', 'Docs'] };
const ifLow: Question = { id: 'q3', type: 'text', text: 'What went wrong?', show_if: { question: 'q1', op: 'lte', value: 2 } };
const nps: Question = { id: 'q4', type: 'nps', text: 'Recommend?' };
const SPEC = [rating, { ...choice, other: true }, ifLow, nps];

describe('questionsOf', () => {
  it('keeps the questions it can draw, in order', () => {
    expect(questionsOf({ questions: SPEC }).map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('leaves out malformed questions of an unchecked (cached) ruleset, never throws', () => {
    const content = { questions: [null, 'q', { id: 1, type: 'text', text: 'x' }, { id: 'a', type: 'stars', text: 'x' }, { id: 'b', type: 'text' }, { id: 'c', type: 'choice', text: 'x', options: [] }, { id: 'd', type: 'choice', text: 'x', options: 'A' }, rating] };
    expect(questionsOf(content).map((q) => q.id)).toEqual(['q1']);
    for (const content of [undefined, null, {}, { questions: {} }, 'x']) expect(questionsOf(content)).toEqual([]);
  });
});

describe('scaleOf', () => {
  it('the authored scale from 3 to 10, else 5', () => {
    expect([3, 7, 10].map((scale) => scaleOf({ ...rating, scale }))).toEqual([3, 7, 10]);
    expect([undefined, 2, 11, 4.5, '6' as unknown as number].map((scale) => scaleOf({ ...rating, scale }))).toEqual([5, 5, 5, 5, 5]);
  });
});

describe('isAsked and nextIndex: show_if', () => {
  it('a question without show_if is always asked', () => {
    expect(isAsked(nps, {}, NOW)).toBe(true);
  });

  it('q3 is asked only when q1 is at most 2', () => {
    expect(isAsked(ifLow, { q1: 1 }, NOW)).toBe(true);
    expect(isAsked(ifLow, { q1: 2 }, NOW)).toBe(true);
    expect(isAsked(ifLow, { q1: 3 }, NOW)).toBe(false);
  });

  it('an unanswered question satisfies only not_exists', () => {
    expect(isAsked(ifLow, {}, NOW)).toBe(false);
    expect(isAsked({ ...ifLow, show_if: { question: 'q1', op: 'exists' } }, {}, NOW)).toBe(false);
    expect(isAsked({ ...ifLow, show_if: { question: 'q1', op: 'not_exists' } }, {}, NOW)).toBe(true);
  });

  it('text answers compare without regard to case, as rules do', () => {
    const ifVideo: Question = { ...ifLow, show_if: { question: 'q2', op: 'is', value: 'video' } };
    expect(isAsked(ifVideo, { q2: 'Video' }, NOW)).toBe(true);
    expect(isAsked(ifVideo, { q2: 'Photos' }, NOW)).toBe(false);
  });

  it('a multiple choice: is / contains hold when one pick does; is_not / not_contains when all do', () => {
    const on = (op: string, value: string, answer: unknown) => isAsked({ ...ifLow, show_if: { question: 'q2', op, value } }, { q2: answer }, NOW);
    expect(on('is', 'Video', ['Photos', 'Video'])).toBe(true);
    expect(on('is', 'Docs', ['Photos', 'Video'])).toBe(false);
    expect(on('contains', 'vid', ['Photos', 'Video'])).toBe(true);
    expect(on('is_not', 'Video', ['Photos', 'Video'])).toBe(false);
    expect(on('is_not', 'Docs', ['Photos', 'Video'])).toBe(true);
    expect(on('not_contains', 'o', ['Photos', 'Video'])).toBe(false);
  });

  it('an empty list counts as no answer', () => {
    expect(isAsked({ ...ifLow, show_if: { question: 'q2', op: 'exists' } }, { q2: [] }, NOW)).toBe(false);
  });

  it('an unknown operator never holds, never throws', () => {
    expect(isAsked({ ...ifLow, show_if: { question: 'q1', op: 'constructor', value: 2 } }, { q1: 1 }, NOW)).toBe(false);
    expect(isAsked({ ...ifLow, show_if: { question: 'q1', op: '<=', value: 2 } }, { q1: 1 }, NOW)).toBe(false);
  });

  it('nextIndex skips what is not asked, and is -1 past the last', () => {
    expect(nextIndex(SPEC, -1, {}, NOW)).toBe(0);
    expect(nextIndex(SPEC, 1, { q1: 5 }, NOW)).toBe(3);
    expect(nextIndex(SPEC, 1, { q1: 1 }, NOW)).toBe(2);
    expect(nextIndex(SPEC, 3, { q1: 1 }, NOW)).toBe(-1);
    expect(nextIndex([rating, ifLow], 0, { q1: 5 }, NOW)).toBe(-1);
  });
});

describe('answerOf', () => {
  it('ratings and NPS: the number chosen, 0 included', () => {
    expect(answerOf(rating, 4)).toBe(4);
    expect(answerOf(nps, 0)).toBe(0);
    expect(answerOf(nps, undefined)).toBeUndefined();
  });

  it('text: trimmed; blank is no answer', () => {
    expect(answerOf(ifLow, '  too slow \n')).toBe('too slow');
    expect(answerOf(ifLow, '   ')).toBeUndefined();
    expect(answerOf(ifLow, undefined)).toBeUndefined();
  });

  it('a single choice: the option, or the "Other" text (or "Other" when it is blank)', () => {
    const other = { ...choice, other: true };
    expect(answerOf(choice, { picked: ['Video'], other: '' })).toBe('Video');
    expect(answerOf(other, { picked: ['Other'], other: ' Music ' })).toBe('Music');
    expect(answerOf(other, { picked: ['Other'], other: '' })).toBe('Other');
    expect(answerOf(choice, { picked: [], other: '' })).toBeUndefined();
    expect(answerOf(choice, undefined)).toBeUndefined();
  });

  it('a multiple choice: the list, in the order shown, "Other" last', () => {
    const many = { ...choice, multiple: true, other: true };
    expect(answerOf(many, { picked: ['Other', 'Docs', 'Photos'], other: 'Music' })).toEqual(['Photos', 'Docs', 'Music']);
    expect(answerOf(many, { picked: [], other: 'typed, but not picked' })).toBeUndefined();
  });

  it('"Other" without `other: true` is not an answer', () => {
    expect(answerOf(choice, { picked: ['Other'], other: 'x' })).toBeUndefined();
  });
});
