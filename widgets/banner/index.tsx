/** The banner chunk: loaded by the core the first time a banner shows. */
import { render } from 'preact';
import type { WidgetHandlers, WidgetView } from '../../src/widget';
import { adoptStyles, announce, applyAppearance, container, placeHost } from '../shared/mount';
import { Banner } from './Banner';
import { BANNER_CSS } from './styles';

let shownId: string | undefined;

function clear() {
  render(null, container('banner'));
  shownId = undefined;
  placeHost(false);
}

export function show(view: WidgetView, handlers: WidgetHandlers): void {
  adoptStyles(BANNER_CSS);
  applyAppearance(view.appearance);
  const content = view.message.content as { position?: string; style?: string };
  placeHost(content.style === 'inline' && content.position !== 'bottom');
  const values = { event: view.event, user: view.user };
  const close = () => {
    clear();
    handlers.dismissed();
  };
  shownId = view.message.id;
  const el = container('banner');
  // A link navigates away by itself (and would not, were it removed while clicked);
  // an action without a URL acknowledges the banner and closes it.
  const act = (navigates: boolean) => {
    handlers.clicked();
    if (!navigates) close();
  };
  render(<Banner view={view} values={values} onDismiss={close} onAction={act} />, el);
  announce(el.textContent ?? '');
}

export function hide(messageId: string): void {
  if (shownId === messageId) clear();
}
