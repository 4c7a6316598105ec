/** The post chunk: loaded by the core the first time a post shows. */
import { render } from 'preact';
import type { WidgetHandlers, WidgetView } from '../../src/widget';
import { rememberFocus } from '../shared/focus';
import { adoptStyles, applyAppearance, container } from '../shared/mount';
import { Post } from './Post';
import { POST_CSS } from './styles';

/** The post on screen, and how to give focus back to where it was before it opened. */
let shown: { id: string; restoreFocus(): void } | undefined;

function clear() {
  const was = shown;
  shown = undefined;
  // Unmounting the dialog takes it out of the top layer: the page is no longer inert.
  render(null, container('post'));
  was?.restoreFocus();
}

export function show(view: WidgetView, handlers: WidgetHandlers): void {
  adoptStyles(POST_CSS);
  applyAppearance(view.appearance);
  if (shown) clear();
  const mine = { id: view.message.id, restoreFocus: rememberFocus() };
  shown = mine;
  const values = { event: view.event, user: view.user };
  const dismiss = () => {
    if (shown !== mine) return; // already closed (hidden, or a second close)
    clear();
    handlers.dismissed();
  };
  const act = (index: number, navigates: boolean) => {
    handlers.clicked(index);
    // A link is left in place during its own click (removing it would cancel the
    // navigation); once the browser has started following it, the post closes, so a
    // mailto:, same-page or new-tab link does not leave it covering the page.
    if (navigates) setTimeout(dismiss);
    else dismiss();
  };
  render(<Post view={view} values={values} onDismiss={dismiss} onAction={act} />, container('post'));
}

export function hide(messageId: string): void {
  if (shown?.id === messageId) clear();
}
