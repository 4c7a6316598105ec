import { advanceSeries, entryProblem, type Series, type SeriesRun, type SeriesStep } from '../engine/series';
import type { TrackedEvent, Verdict } from '../engine/types';
import type { Store } from './store';

/** A person's run through a series, as stored at `key`; a record of another shape reads as none. */
const isRun = (v: unknown): v is SeriesRun =>
  !!v && typeof v === 'object' && Number.isInteger((v as SeriesRun).block) && typeof (v as SeriesRun).since === 'number';

/**
 * An entry event: a new run at block 0, unless the person is in one already. Checked and
 * written in one transaction, so two tabs cannot both start one. `pending` when it entered.
 */
export async function enterRun(store: Store, key: string, series: Series, event: TrackedEvent, user: Record<string, unknown>): Promise<Verdict> {
  const problem = entryProblem(series, event.metadata, user, event.at);
  if (problem) return { outcome: 'suppressed', ...problem };
  let entered = false;
  await store.update<unknown>(key, (old) => {
    if (isRun(old) && old.state === 'active') return old;
    entered = true;
    return { block: 0, since: event.at, entered: event.at, state: 'active' } satisfies SeriesRun;
  });
  return entered
    ? { outcome: 'pending', reason: 'ok', detail: `entered the series (${series.blocks.length} blocks)` }
    : { outcome: 'suppressed', reason: 'frequency', detail: 'already in a run of this series: one at a time' };
}

/** Moves a run on, in one atomic step (two tabs cannot both take the same block): what it reached. */
export async function stepRun(store: Store, key: string, series: Series, user: Record<string, unknown>, now: number): Promise<SeriesStep[]> {
  let steps: SeriesStep[] = [];
  await store.update<unknown>(key, (old) => {
    if (!isRun(old)) return old;
    const next = advanceSeries(series, old, user, now);
    steps = next.steps;
    return next.run;
  });
  return steps;
}
