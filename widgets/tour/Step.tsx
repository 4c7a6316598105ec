import { arrow, autoUpdate, computePosition, flip, getOverflowAncestors, offset, shift, type Placement } from '@floating-ui/dom';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { Html } from '../shared/Html';
import { pageDirection } from '../shared/mount';
import { fill, type TemplateValues } from '../shared/template';

export interface TourStep {
  selector?: string;
  title?: string;
  body?: string;
  placement?: string;
  url?: string;
}

const PLACEMENTS = new Set(['top', 'bottom', 'left', 'right'].flatMap((side) => [side, `${side}-start`, `${side}-end`]));
/** Room between the target and its spotlight ring. */
const RING = 6;
/** From the target to the card: the ring, the arrow's tip (about 10px) and some air. */
const GAP = RING + 12;

interface Props {
  messageId: string;
  step: TourStep;
  index: number;
  total: number;
  /** The element the step points at; null for a centred card. */
  target: Element | null;
  values: TemplateValues;
  onMove(delta: 1 | -1): void;
  onDone(): void;
  onDismiss(): void;
}

const px = (n: number) => `${n}px`;

/** Whether part of the element is out of view: outside the viewport or clipped by a scrolling ancestor. */
function offScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  const views = getOverflowAncestors(el).filter((a): a is Element => a instanceof Element).map((a) => a.getBoundingClientRect());
  views.push(new DOMRect(0, 0, innerWidth, innerHeight));
  return views.some((v) => r.top < v.top || r.left < v.left || r.bottom > v.bottom || r.right > v.right);
}

/**
 * One step: a labelled, non-modal dialog next to its target (or centred), with a spotlight
 * around the target. Keys are handled on the card only (it takes focus when it shows), so
 * the page's own use of Escape and the arrow keys is left alone when focus is elsewhere.
 */
export function Step({ messageId, step, index, total, target, values, onMove, onDone, onDismiss }: Props) {
  const card = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const spot = useRef<HTMLDivElement>(null);
  const placement = (PLACEMENTS.has(step.placement ?? '') ? step.placement : 'bottom') as Placement;
  const first = index === 0;
  const last = index === total - 1;

  useLayoutEffect(() => {
    const floating = card.current!;
    if (!target) return;
    if (offScreen(target)) target.scrollIntoView({ block: 'center' });
    // autoUpdate calls this at once, then on scroll of any ancestor, resize and layout shifts.
    return autoUpdate(target, floating, () => {
      const r = target.getBoundingClientRect();
      const ring = spot.current!.style;
      ring.left = px(r.left - RING);
      ring.top = px(r.top - RING);
      ring.width = px(r.width + 2 * RING);
      ring.height = px(r.height + 2 * RING);
      void computePosition(target, floating, {
        strategy: 'fixed',
        placement,
        middleware: [offset(GAP), flip(), shift({ padding: 8 }), arrow({ element: tip.current!, padding: 12 })],
      }).then(({ x, y, placement: final, middlewareData }) => {
        floating.style.left = px(x);
        floating.style.top = px(y);
        floating.dataset.side = final.split('-')[0];
        const a = middlewareData.arrow;
        tip.current!.style.left = a?.x != null ? px(a.x) : '';
        tip.current!.style.top = a?.y != null ? px(a.y) : '';
      });
    });
  }, [target, placement]);

  // Only when the step first shows (the component is keyed by step): a later re-render,
  // such as the core showing the same step again after a navigation, does not steal focus.
  useEffect(() => card.current?.focus({ preventScroll: true }), []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onDismiss();
      return;
    }
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    // Right goes forward on a left-to-right page; mirrored on a right-to-left one.
    const forward = (e.key === 'ArrowRight') !== (pageDirection() === 'rtl');
    if (forward ? last : first) return;
    e.preventDefault();
    onMove(forward ? 1 : -1);
  };

  const title = typeof step.title === 'string' ? fill(step.title, values).trim() : '';
  const titleId = `herald-tour-${messageId}-title`;
  const bodyId = `herald-tour-${messageId}-body`;
  return (
    <>
      <div class={target ? 'tour-spotlight' : 'tour-dim'} ref={spot} aria-hidden="true" />
      <div
        class={`tour-card ${target ? 'anchored' : 'centred'}`}
        ref={card}
        role="dialog"
        aria-modal="false"
        aria-labelledby={title ? titleId : undefined}
        aria-label={title ? undefined : `Step ${index + 1} of ${total}`}
        aria-describedby={bodyId}
        tabIndex={-1}
        data-tour-step={index}
        onKeyDown={onKeyDown}
      >
        {target && <div class="tour-arrow" ref={tip} aria-hidden="true" />}
        <button type="button" class="tour-dismiss" data-action="dismiss" aria-label="Close tour" onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
        {title && <h2 class="tour-title" id={titleId}>{title}</h2>}
        <div id={bodyId}>
          <Html class="tour-body" html={step.body} values={values} />
        </div>
        <div class="tour-footer">
          <span class="tour-progress">{`${index + 1} of ${total}`}</span>
          {!first && <button type="button" class="tour-back" data-action="back" onClick={() => onMove(-1)}>Back</button>}
          {last
            ? <button type="button" class="tour-next" data-action="done" onClick={onDone}>Done</button>
            : <button type="button" class="tour-next" data-action="next" onClick={() => onMove(1)}>Next</button>}
        </div>
      </div>
    </>
  );
}
