import type { TrackedEvent } from '../engine/types';
import type { Primitive } from '../ruleset/types';

export const MAX_NAME = 255;
export const MAX_KEYS = 20;

/** Also true for objects from other frames, whose prototype is another realm's. */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  Object.prototype.toString.call(v) === '[object Object]';

const isPrimitive = (v: unknown): v is Primitive =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks and normalizes `trackEvent(name, metadata)` (SPEC section 3). Returns the event,
 * or undefined when the call must be ignored. Every problem is reported in one warning.
 */
export function normalizeEvent(name: unknown, metadata: unknown, at: number, warn: (text: string) => void): TrackedEvent | undefined {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed || trimmed.length > MAX_NAME) {
    warn(`trackEvent needs an event name of 1 to ${MAX_NAME} characters; got ${describe(name)}`);
    return undefined;
  }
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
    warn(`trackEvent("${trimmed}"): metadata must be a flat object; got ${describe(metadata)}`);
    return undefined;
  }
  const kept: Record<string, Primitive> = {};
  const dropped: string[] = [];
  const keys = metadata ? Object.keys(metadata) : [];
  for (const key of keys.slice(0, MAX_KEYS)) {
    const value = (metadata as Record<string, unknown>)[key];
    if (isPrimitive(value)) Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
    else if (value !== undefined) dropped.push(key);
  }
  const problems: string[] = [];
  if (dropped.length) problems.push(`dropped ${dropped.join(', ')} (values must be strings, numbers, booleans or null)`);
  if (keys.length > MAX_KEYS) problems.push(`kept the first ${MAX_KEYS} of ${keys.length} keys`);
  if (problems.length) warn(`trackEvent("${trimmed}"): ${problems.join('; ')}`);
  return { name: trimmed, metadata: kept, at };
}

/** A value as it appears in a warning. */
export function describe(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (value === null) return 'null';
    if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
    return typeof value === 'function' ? 'a function' : String(value);
  } catch {
    // A revoked Proxy throws even on Array.isArray.
    return 'a value that cannot be read';
  }
}
