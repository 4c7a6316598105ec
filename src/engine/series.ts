import type { Conditions } from '../ruleset/types';
import { evaluateConditions } from './conditions';
import { describeFailure } from './describe';
import { parseDuration } from './duration';
import { userResolver } from './evaluate';

/** A series (SPEC 4b): an event starts a sequence of waits, rule checks and messages. */
export interface Series {
  id: string;
  entry: { event: string; metadata?: Conditions; audience?: Conditions };
  exit?: Conditions;
  blocks: SeriesBlock[];
}

export type SeriesBlock =
  | { message: string }
  | { wait: string }
  | { rule: Conditions; for?: string; otherwise?: 'exit' | 'continue' };

/** One person's run of one series, as stored. */
export interface SeriesRun {
  /** The block the run is at (blocks.length: finished). */
  block: number;
  /** When the run reached that block, epoch ms. */
  since: number;
  entered: number;
  state: 'active' | 'exited' | 'done';
}

/** What a step of the run did: each becomes a decision; `show` also shows a message. */
export type SeriesStep =
  | { kind: 'show'; message: string; block: number }
  | { kind: 'note'; outcome: 'pending' | 'suppressed'; reason: 'ok' | 'audience'; detail: string };

const clock = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Moves a run on as far as it can go at `now`, for a person with these attributes. Pure.
 * Messages are shown as they are reached; a wait or a rule that does not hold yet stops
 * the run until a later look (the next page view); the exit rule ends it.
 */
export function advanceSeries(series: Series, run: SeriesRun, user: Record<string, unknown>, now: number): { run: SeriesRun; steps: SeriesStep[] } {
  const steps: SeriesStep[] = [];
  const resolve = userResolver(user);
  let current = { ...run };
  if (current.state !== 'active') return { run: current, steps };
  // Bounded: each pass moves one block on or stops.
  for (let guard = 0; guard <= series.blocks.length; guard++) {
    if (series.exit && evaluateConditions(series.exit, resolve, now).ok) {
      steps.push({ kind: 'note', outcome: 'suppressed', reason: 'audience', detail: `exited the series: its exit rule holds` });
      return { run: { ...current, state: 'exited' }, steps };
    }
    const block = series.blocks[current.block];
    if (!block) {
      steps.push({ kind: 'note', outcome: 'suppressed', reason: 'ok', detail: 'the series is complete' });
      return { run: { ...current, state: 'done' }, steps };
    }
    const next = () => { current = { ...current, block: current.block + 1, since: now }; };
    const at = `block ${current.block + 1} of ${series.blocks.length}`;
    if ('message' in block) {
      steps.push({ kind: 'show', message: block.message, block: current.block });
      next();
    } else if ('wait' in block) {
      const until = current.since + (parseDuration(block.wait) ?? 0);
      if (now < until) {
        steps.push({ kind: 'note', outcome: 'pending', reason: 'ok', detail: `${at}: waits ${block.wait}, until ${clock(until)}` });
        return { run: current, steps };
      }
      next();
    } else {
      const result = evaluateConditions(block.rule, resolve, now);
      if (result.ok) {
        steps.push({ kind: 'note', outcome: 'pending', reason: 'ok', detail: `${at}: its rule holds` });
        next();
        continue;
      }
      const why = describeFailure(result.failed!, resolve(result.failed!.attr ?? ''));
      const until = current.since + (parseDuration(block.for) ?? 0);
      if (block.for && now < until) {
        steps.push({ kind: 'note', outcome: 'pending', reason: 'audience', detail: `${at}: ${why}; checked again until ${clock(until)}` });
        return { run: current, steps };
      }
      if (block.otherwise === 'continue') {
        steps.push({ kind: 'note', outcome: 'pending', reason: 'audience', detail: `${at}: ${why}; the series goes on` });
        next();
      } else {
        steps.push({ kind: 'note', outcome: 'suppressed', reason: 'audience', detail: `exited the series at ${at}: ${why}` });
        return { run: { ...current, state: 'exited' }, steps };
      }
    }
  }
  return { run: current, steps };
}

/** Does an event enter a person into the series? Undefined when it does, else why not. */
export function entryProblem(series: Series, metadata: Record<string, unknown>, user: Record<string, unknown>, at: number): { reason: 'metadata' | 'audience'; detail: string } | undefined {
  const own = (key: string) => (Object.hasOwn(metadata, key) ? metadata[key] : undefined);
  const meta = evaluateConditions(series.entry.metadata, own, at);
  if (!meta.ok) return { reason: 'metadata', detail: describeFailure(meta.failed!, own(meta.failed!.key ?? '')) };
  const resolve = userResolver(user);
  const audience = evaluateConditions(series.entry.audience, resolve, at);
  if (!audience.ok) return { reason: 'audience', detail: describeFailure(audience.failed!, resolve(audience.failed!.attr ?? '')) };
  return undefined;
}
