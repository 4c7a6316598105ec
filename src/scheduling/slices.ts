/** How long one slice of queued work may run before Herald gives the main thread back. */
export const SLICE_MS = 8;
/** At most this many items a slice, whatever the clock says (a frozen test clock, a coarse one). */
export const SLICE_ITEMS = 500;

export interface SliceEnv {
  now(): number;
  /** Runs `fn` in a later task, after the browser has had its turn (input, rendering). */
  nextTask(fn: () => void): void;
}

/**
 * A queue that runs its items in order, in slices: the first right after the current task's
 * code (a microtask, so one item is handled at once), the rest in later tasks, each slice
 * at most SLICE_MS long. A page that tracks 10,000 events in a loop pays only for the queue
 * push; the evaluation never becomes a long task.
 */
export function createSlices<T>(env: SliceEnv, run: (item: T) => void, onError: (error: unknown) => void) {
  let items: T[] = [];
  let next = 0;
  let scheduled = false;

  function slice() {
    const end = env.now() + SLICE_MS;
    let count = 0;
    while (next < items.length && count < SLICE_ITEMS && (count === 0 || env.now() < end)) {
      const item = items[next]!;
      next += 1;
      count += 1;
      try {
        run(item);
      } catch (error) {
        onError(error);
      }
    }
    if (next < items.length) return env.nextTask(slice);
    items = [];
    next = 0;
    scheduled = false;
  }

  return {
    push(item: T) {
      items.push(item);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(slice);
    },
    /** Drops what has not run yet (shutdown: the next person's events start afresh). */
    clear() {
      items.length = next;
    },
    get size() {
      return items.length - next;
    },
  };
}
