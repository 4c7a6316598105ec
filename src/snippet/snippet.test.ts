import { parse } from 'acorn';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// The built snippet, as site owners paste it (npm test builds before the unit tests).
const source = readFileSync(new URL('../../dist/snippet.js', import.meta.url), 'utf8');

interface FakeScript { async?: boolean; src?: string; nonce?: string }

/** Runs the snippet against a fake window and document; returns what it did. */
function run(window: Record<string, any> = {}, { nonce, now = 1_000, console }: { nonce?: string; now?: number; console?: object } = {}) {
  const appended: FakeScript[] = [];
  const document = {
    currentScript: nonce ? { nonce } : null,
    createElement: (tag: string) => ({ tag }),
    head: { appendChild: (el: FakeScript) => appended.push(el) },
  };
  runInNewContext(source, { window, document, Date: { now: () => now }, console });
  return { window, appended };
}

describe('the install snippet', () => {
  it('is ES5 and under 600 bytes', () => {
    expect(() => parse(source, { ecmaVersion: 5 })).not.toThrow();
    expect(Buffer.byteLength(source)).toBeLessThan(600);
  });

  it('queues calls in order with the time each was made, and loads sdk_url async', () => {
    const { window, appended } = run({ intercomSettings: { app_id: 'a', sdk_url: '/sdk/messenger.js' } }, { now: 42 });
    window.Intercom('trackEvent', 'uploaded-file', { file_name: 'a.png' });
    window.Intercom('update', { plan: 'pro' });
    expect(window.Intercom.q.map(([at, args]: [number, IArguments]) => [at, ...Array.from(args)])).toEqual([
      [42, 'trackEvent', 'uploaded-file', { file_name: 'a.png' }],
      [42, 'update', { plan: 'pro' }],
    ]);
    expect(appended).toEqual([{ tag: 'script', async: true, src: '/sdk/messenger.js' }]);
  });

  it('run twice, loads the SDK once and queues an update with the settings', () => {
    const settings = { app_id: 'a', sdk_url: '/sdk/messenger.js' };
    const { window, appended } = run({ intercomSettings: settings });
    runInNewContext(source, { window, document: { createElement: () => { throw new Error('loaded twice'); } }, Date });
    expect(appended).toHaveLength(1);
    expect(Array.from(window.Intercom.q[0][1])).toEqual(['update', settings]);
  });

  it('calls update on the loaded SDK instead of queueing', () => {
    const calls: unknown[][] = [];
    const sdk = (...args: unknown[]) => calls.push(args);
    const settings = { app_id: 'a', plan: 'pro' };
    const { appended } = run({ intercomSettings: settings, Intercom: sdk });
    expect(calls).toEqual([['update', settings]]);
    expect(appended).toHaveLength(0);
  });

  it('passes the page nonce to the SDK script, for nonce-based CSP', () => {
    const { appended } = run({ intercomSettings: { sdk_url: '/m.js' } }, { nonce: 'abc' });
    expect(appended[0]!.nonce).toBe('abc');
  });

  it('without sdk_url still defines the queue, loads nothing, and says why', () => {
    const warnings: unknown[] = [];
    const { window, appended } = run({}, { console: { warn: (text: unknown) => warnings.push(text) } });
    window.Intercom('boot', { app_id: 'x' });
    expect(window.Intercom.q).toHaveLength(1);
    expect(appended).toHaveLength(0);
    expect(warnings).toEqual([expect.stringMatching(/^\[herald\] .*sdk_url/)]);
  });
});

describe('the install snippet under Trusted Types', () => {
  it('loads the SDK through a "herald" policy', () => {
    const policies: string[] = [];
    const trustedTypes = { createPolicy: (name: string, rules: { createScriptURL(u: string): unknown }) => { policies.push(name); return { createScriptURL: (u: string) => ({ trusted: rules.createScriptURL(u) }) }; } };
    const { appended } = run({ intercomSettings: { sdk_url: '/m.js' }, trustedTypes });
    expect(policies).toEqual(['herald']);
    expect(appended[0]!.src).toEqual({ trusted: '/m.js' });
  });

  it('where the policy is not allowed: one warning, nothing loaded, nothing thrown', () => {
    const warnings: unknown[] = [];
    const trustedTypes = { createPolicy: () => { throw new TypeError('policy "herald" disallowed'); } };
    const { window, appended } = run({ intercomSettings: { sdk_url: '/m.js' }, trustedTypes }, { console: { warn: (t: unknown) => warnings.push(t) } });
    expect(appended).toHaveLength(0);
    expect(warnings).toEqual([expect.stringMatching(/^\[herald\] .*Trusted Types policy herald/)]);
    expect(typeof window.Intercom).toBe('function');
  });
});
