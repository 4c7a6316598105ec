import { describe, expect, it } from 'vitest';
import { advanceSeries, entryProblem, type Series, type SeriesRun } from './series';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const DAY = 864e5;

const onboarding: Series = {
  id: 'onboarding',
  entry: { event: 'signed-up', metadata: [{ key: 'plan', op: 'is', value: 'trial' }] },
  exit: [{ attr: 'user.plan', op: 'is', value: 'paid' }],
  blocks: [
    { message: 'welcome' },
    { wait: '1d' },
    { rule: [{ attr: 'user.uploads', op: 'lt', value: 1 }], for: '3d', otherwise: 'exit' },
    { message: 'first-upload-tip' },
  ],
};
const start: SeriesRun = { block: 0, since: T0, entered: T0, state: 'active' };
const summary = (steps: ReturnType<typeof advanceSeries>['steps']) => steps.map((s) => (s.kind === 'show' ? `show ${s.message}` : `${s.outcome} ${s.reason}: ${s.detail}`));

describe('advanceSeries', () => {
  it('shows the first message at once, then waits', () => {
    const { run, steps } = advanceSeries(onboarding, start, { uploads: 0 }, T0);
    expect(summary(steps)).toEqual(['show welcome', 'pending ok: block 2 of 4: waits 1d, until 2026-12-02T09:00:00Z']);
    expect(run).toEqual({ block: 1, since: T0, entered: T0, state: 'active' });
  });

  it('after the wait, a rule that holds leads to the next message and the end', () => {
    const after = advanceSeries(onboarding, { ...start, block: 1 }, { uploads: 0 }, T0 + DAY);
    expect(summary(after.steps)).toEqual(['pending ok: block 3 of 4: its rule holds', 'show first-upload-tip', 'suppressed ok: the series is complete']);
    expect(after.run.state).toBe('done');
  });

  it('one millisecond before the wait ends, it still waits', () => {
    const { run, steps } = advanceSeries(onboarding, { ...start, block: 1 }, {}, T0 + DAY - 1);
    expect(run.block).toBe(1);
    expect(steps).toHaveLength(1);
  });

  it('a rule that does not hold yet is checked again for its `for`, then otherwise: exit', () => {
    const waiting = advanceSeries(onboarding, { ...start, block: 2, since: T0 }, { uploads: 4 }, T0 + DAY);
    expect(summary(waiting.steps)).toEqual(['pending audience: block 3 of 4: user.uploads is 4, needs less than 1; checked again until 2026-12-04T09:00:00Z']);
    expect(waiting.run).toMatchObject({ block: 2, state: 'active' });
    const gone = advanceSeries(onboarding, { ...start, block: 2, since: T0 }, { uploads: 4 }, T0 + 3 * DAY);
    expect(gone.run.state).toBe('exited');
    expect(summary(gone.steps)[0]).toMatch(/^suppressed audience: exited the series at block 3 of 4: user.uploads is 4/);
  });

  it('otherwise: continue goes on without the rule; a rule without `for` is checked once', () => {
    const series: Series = { ...onboarding, blocks: [{ rule: [{ attr: 'user.uploads', op: 'gt', value: 0 }], otherwise: 'continue' }, { message: 'm' }] };
    const { run, steps } = advanceSeries(series, start, {}, T0);
    expect(summary(steps)).toEqual(['pending audience: block 1 of 2: user.uploads is missing, needs more than 0; the series goes on', 'show m', 'suppressed ok: the series is complete']);
    expect(run.state).toBe('done');
  });

  it('the exit rule ends the run wherever it is', () => {
    const { run, steps } = advanceSeries(onboarding, { ...start, block: 1 }, { plan: 'paid' }, T0 + DAY);
    expect(run.state).toBe('exited');
    expect(summary(steps)).toEqual(['suppressed audience: exited the series: its exit rule holds']);
  });

  it('a run that has ended does not move', () => {
    for (const state of ['exited', 'done'] as const) expect(advanceSeries(onboarding, { ...start, state }, {}, T0 + 9 * DAY)).toEqual({ run: { ...start, state }, steps: [] });
  });
});

describe('entryProblem', () => {
  it('the entry metadata and audience decide who enters', () => {
    expect(entryProblem(onboarding, { plan: 'trial' }, {}, T0)).toBeUndefined();
    expect(entryProblem(onboarding, { plan: 'pro' }, {}, T0)).toEqual({ reason: 'metadata', detail: 'plan is "pro", needs to be "trial"' });
    const pros: Series = { ...onboarding, entry: { event: 'signed-up', audience: [{ attr: 'user.country', op: 'is', value: 'IE' }] } };
    expect(entryProblem(pros, {}, { country: 'FR' }, T0)).toEqual({ reason: 'audience', detail: 'user.country is "FR", needs to be "IE"' });
  });
});
