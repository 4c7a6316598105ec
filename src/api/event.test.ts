import { describe, expect, it } from 'vitest';
import { describe as describeValue, isPlainObject, MAX_KEYS, MAX_NAME, normalizeEvent } from './event';

const AT = Date.parse('2026-06-15T12:00:00Z');

const run = (name: unknown, metadata?: unknown) => {
  const warnings: string[] = [];
  const event = normalizeEvent(name, metadata, AT, (text) => void warnings.push(text));
  return { event, warnings };
};

describe('normalizeEvent: the name', () => {
  it('trims the name', () => {
    expect(run('  uploaded-file \n').event).toEqual({ name: 'uploaded-file', metadata: {}, at: AT });
  });

  it('accepts a name of exactly 255 characters, and 255 after trimming', () => {
    expect(MAX_NAME).toBe(255);
    expect(run('a'.repeat(255))).toEqual({ event: { name: 'a'.repeat(255), metadata: {}, at: AT }, warnings: [] });
    expect(run(` ${'a'.repeat(255)} `).event?.name).toBe('a'.repeat(255));
  });

  it.each<[string, unknown]>([
    ['256 characters', 'a'.repeat(256)],
    ['empty', ''],
    ['blank', '   \t'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { name: 'x' }],
    ['an array', ['x']],
    ['a String object', new String('x')],
  ])('rejects a name that is %s, with one warning', (_name, name) => {
    const { event, warnings } = run(name, { a: 1 });
    expect(event).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^trackEvent needs an event name of 1 to 255 characters; got /);
  });

  it('says what it got', () => {
    expect(run(42).warnings[0]).toMatch(/got 42$/);
    expect(run('').warnings[0]).toMatch(/got ""$/);
  });
});

describe('normalizeEvent: metadata', () => {
  it('absent or null metadata is an empty object, without warning', () => {
    expect(run('e')).toEqual({ event: { name: 'e', metadata: {}, at: AT }, warnings: [] });
    expect(run('e', null)).toEqual({ event: { name: 'e', metadata: {}, at: AT }, warnings: [] });
  });

  it('keeps strings, numbers, booleans and null as they are', () => {
    const metadata = { s: 'Text', empty: '', n: 1.5, zero: 0, neg: -3, t: true, f: false, nothing: null };
    expect(run('e', metadata)).toEqual({ event: { name: 'e', metadata, at: AT }, warnings: [] });
  });

  it('copies the metadata (later changes by the page do not reach the event)', () => {
    const metadata: Record<string, unknown> = { a: 1 };
    const { event } = run('e', metadata);
    metadata.a = 2;
    expect(event?.metadata).toEqual({ a: 1 });
  });

  it.each<[string, unknown]>([
    ['a string', 'file=1'],
    ['a number', 5],
    ['true', true],
    ['an array', [1, 2]],
    ['a function', () => ({})],
    ['a Date', new Date(AT)],
    ['a Map', new Map([['a', 1]])],
  ])('rejects metadata that is %s, with one warning', (_name, metadata) => {
    const { event, warnings } = run('e', metadata);
    expect(event).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^trackEvent\("e"\): metadata must be a flat object/);
  });

  it('accepts an object without prototype', () => {
    const metadata = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(run('e', metadata).event?.metadata).toEqual({ a: 1 });
  });

  it('keeps only the first 20 keys, in order, with one warning', () => {
    expect(MAX_KEYS).toBe(20);
    const metadata: Record<string, number> = {};
    for (let i = 0; i < 25; i++) metadata[`k${i}`] = i;
    const { event, warnings } = run('e', metadata);
    expect(Object.keys(event!.metadata)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
    expect(Object.values(event!.metadata)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(warnings).toEqual(['trackEvent("e"): kept the first 20 of 25 keys']);
  });

  it('exactly 20 keys: all kept, no warning', () => {
    const metadata = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const { event, warnings } = run('e', metadata);
    expect(Object.keys(event!.metadata)).toHaveLength(20);
    expect(warnings).toEqual([]);
  });

  it('drops nested object and array values with ONE warning that names them', () => {
    const { event, warnings } = run('e', { file: 'a.png', size: { w: 1 }, tags: ['x'], ok: true });
    expect(event).toEqual({ name: 'e', metadata: { file: 'a.png', ok: true }, at: AT });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('size');
    expect(warnings[0]).toContain('tags');
    expect(warnings[0]).toMatch(/^trackEvent\("e"\): dropped size, tags/);
  });

  it('reports dropped values and extra keys in the same single warning', () => {
    const metadata: Record<string, unknown> = { nested: { a: 1 } };
    for (let i = 0; i < 21; i++) metadata[`k${i}`] = i;
    const { event, warnings } = run('e', metadata);
    expect(Object.keys(event!.metadata)).toHaveLength(19);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('dropped nested');
    expect(warnings[0]).toContain('kept the first 20 of 22 keys');
  });

  it.each<[string, unknown]>([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['a function', () => 1],
    ['a bigint', 10n],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(AT)],
  ])('drops a %s value, with a warning', (_name, value) => {
    const { event, warnings } = run('e', { keep: 1, bad: value });
    expect(event?.metadata).toEqual({ keep: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('dropped bad');
  });

  it('silently leaves out undefined values', () => {
    expect(run('e', { a: undefined, b: 2 })).toEqual({ event: { name: 'e', metadata: { b: 2 }, at: AT }, warnings: [] });
  });

  it('a created_at in the metadata does not change the time of the event', () => {
    const { event } = run('e', { created_at: 1_000_000, at: 5 });
    expect(event?.at).toBe(AT);
    expect(event?.metadata).toEqual({ created_at: 1_000_000, at: 5 });
  });
});

describe('helpers', () => {
  it('isPlainObject', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const v of [null, undefined, [], 'x', 1, new Date(), () => 1, new Map()]) expect(isPlainObject(v)).toBe(false);
  });

  it.each<[unknown, string]>([
    ['x', '"x"'],
    ['a'.repeat(41), `"${'a'.repeat(40)}…"`],
    [[1], 'an array'],
    [null, 'null'],
    [{}, 'an object'],
    [() => 1, 'a function'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('describe(%j) is %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
