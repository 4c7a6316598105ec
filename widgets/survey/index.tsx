/** The survey chunk: loaded by the core the first time a survey shows. */
import { render } from 'preact';
import type { WidgetHandlers, WidgetView } from '../../src/widget';
import { deepActiveElement } from '../shared/focus';
import { CORNER_CSS } from '../shared/corner';
import { adoptStyles, announce, applyAppearance, container } from '../shared/mount';
import { fill } from '../shared/template';
import { questionsOf } from './flow';
import { SURVEY_CSS } from './styles';
import { Survey, type SurveyContent } from './Survey';

/** The survey on screen: its id, and a token that tells its showing from a later one. */
let shown: { id: string } | undefined;
/** Where focus was on the page before the person went into the survey. */
let cameFrom: HTMLElement | undefined;
let watched: HTMLElement | undefined;

const slot = () => {
  const el = container('survey');
  if (watched !== el) {
    watched = el;
    el.addEventListener('focusin', (e) => {
      // None when focus comes back from a screen that went away: keep where it came from.
      const from = e.relatedTarget as HTMLElement | null;
      if (from && !el.contains(from)) cameFrom = from;
    });
  }
  return el;
};

function clear() {
  const el = slot();
  // Focus goes back to the page only if it is in the survey: a survey that closes by
  // itself must not take the keyboard from wherever the person is now.
  const active = deepActiveElement();
  const inside = !!active && el.contains(active);
  render(null, el);
  shown = undefined;
  if (inside && cameFrom?.isConnected) cameFrom.focus({ preventScroll: true });
  cameFrom = undefined;
}

export function show(view: WidgetView, handlers: WidgetHandlers): void {
  adoptStyles(CORNER_CSS);
  adoptStyles(SURVEY_CSS);
  applyAppearance(view.appearance);
  if (shown) clear();
  const mine = { id: view.message.id };
  const content = view.message.content as SurveyContent;
  const values = { event: view.event, user: view.user };
  const close = () => {
    if (shown !== mine) return; // already closed (hidden, or a second close)
    clear();
    handlers.dismissed();
  };
  const first = questionsOf(content)[0];
  if (!first) return void handlers.dismissed(); // nothing to ask (an unchecked, cached ruleset)
  shown = mine;
  render(<Survey view={view} values={values} onAnswer={handlers.answered} onClose={close} />, slot());
  // Announced, never focused: a survey must not take the keyboard from what the person is doing.
  const intro = content.intro?.title;
  announce(`Survey: ${fill(typeof intro === 'string' ? intro : first.text, values)}`);
}

export function hide(messageId: string): void {
  if (shown?.id === messageId) clear();
}
