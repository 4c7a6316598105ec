/**
 * The tour chunk: loaded by the core the first time a tour shows. The core keeps the step
 * per tab (through `progressed`) and calls show() again after a reload or a single-page-app
 * navigation; this module finds the step's page and target and draws it, or waits.
 */
import { render } from 'preact';
import type { TourEnd, WidgetHandlers, WidgetView } from '../../src/widget';
import { deepActiveElement, rememberFocus } from '../shared/focus';
import { adoptStyles, applyAppearance, container } from '../shared/mount';
import { fill, type TemplateValues } from '../shared/template';
import { onPage, stepUrl, waitFor } from './page';
import { Step, type TourStep } from './Step';
import { TOUR_CSS } from './styles';

interface Tour {
  id: string;
  steps: TourStep[];
  values: TemplateValues;
  handlers: WidgetHandlers;
  step: number;
  /** Gives focus back to where it was when the tour first showed. */
  restoreFocus: () => void;
  /** Cancels the wait for a missing target. */
  stopWaiting?: () => void;
}

let current: Tour | undefined;

const slot = () => container('tour');

const stepsOf = (view: WidgetView): TourStep[] => {
  const steps = (view.message.content as { steps?: unknown }).steps;
  return Array.isArray(steps) ? steps.filter((s): s is TourStep => !!s && typeof s === 'object') : [];
};

/** The page a step is meant for, when it names one. */
const urlOf = (tour: Tour, n: number) => {
  const raw = tour.steps[n]?.url;
  return typeof raw === 'string' ? stepUrl(fill(raw, tour.values)) : undefined;
};

/** Draws step `tour.step`: next to `target`, centred (null), or nothing (undefined). */
function paint(tour: Tour, target: Element | null | undefined) {
  if (target === undefined) return render(null, slot());
  const n = tour.step;
  render(
    <div class="tour" data-message-id={tour.id} data-message-type="tour">
      <Step
        key={n}
        messageId={tour.id}
        step={tour.steps[n]!}
        index={n}
        total={tour.steps.length}
        target={target}
        values={tour.values}
        onMove={(delta) => move(tour, n + delta)}
        onDone={() => end(tour, { how: 'done' })}
        onDismiss={() => end(tour, { how: 'dismissed', step: n })}
      />
    </div>,
    slot(),
  );
}

/** Shows step `n` if this is its page: at once, or when its target appears. */
function go(tour: Tour, n: number) {
  tour.stopWaiting?.();
  tour.stopWaiting = undefined;
  tour.step = n;
  tour.handlers.progressed(n);
  const url = urlOf(tour, n);
  // Another page's step: nothing on screen until the core shows us again on that page.
  if (url && !onPage(url)) return paint(tour, undefined);
  const selector = tour.steps[n]!.selector;
  if (typeof selector !== 'string' || !selector.trim()) return paint(tour, null);
  const started = Date.now();
  let settled = false;
  const stop = waitFor(selector, (el) => {
    settled = true;
    tour.stopWaiting = undefined;
    if (current !== tour) return;
    if (el) paint(tour, el);
    else end(tour, { how: 'missing', step: n, detail: `the tour ended at step ${n + 1}: its target ${selector} did not appear within ${Math.round((Date.now() - started) / 1000)} seconds` });
  });
  if (settled) return;
  // Missing for now: the previous step's card would be wrong, so nothing shows meanwhile.
  tour.stopWaiting = stop;
  paint(tour, undefined);
}

/** Next / Back: to a step of this page, or to the page of the step. */
function move(tour: Tour, n: number) {
  if (current !== tour || n < 0 || n >= tour.steps.length) return;
  const url = urlOf(tour, n);
  if (url && !onPage(url)) {
    // Saved first: the next page's SDK resumes the tour at this step.
    tour.step = n;
    tour.handlers.progressed(n);
    paint(tour, undefined);
    location.assign(url.href);
    return;
  }
  go(tour, n);
}

/** Takes the tour off the screen; focus goes back only if it was in the tour (or nowhere). */
function remove(tour: Tour) {
  tour.stopWaiting?.();
  const active = deepActiveElement();
  const focusWasOurs = !active || active === document.body || slot().contains(active);
  render(null, slot());
  current = undefined;
  if (focusWasOurs) tour.restoreFocus();
}

function end(tour: Tour, how: TourEnd) {
  if (current !== tour) return;
  remove(tour);
  tour.handlers.ended(how);
}

export function show(view: WidgetView, handlers: WidgetHandlers): void {
  adoptStyles(TOUR_CSS);
  applyAppearance(view.appearance);
  const id = view.message.id;
  const steps = stepsOf(view);
  // The same tour shown again (a navigation): it keeps where focus is to go back to.
  const again = current?.id === id ? current : undefined;
  if (current && !again) remove(current);
  again?.stopWaiting?.();
  const tour: Tour = {
    id,
    steps,
    values: { event: view.event, user: view.user },
    handlers,
    step: 0,
    restoreFocus: again?.restoreFocus ?? rememberFocus(),
  };
  current = tour;
  if (!steps.length) {
    console.warn(`[herald] the tour ${id} has no steps`);
    return end(tour, { how: 'done' });
  }
  go(tour, Math.min(Math.max(view.step ?? 0, 0), steps.length - 1));
}

export function hide(messageId: string): void {
  if (current?.id === messageId) remove(current);
}
