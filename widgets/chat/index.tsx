/** The chat chunk: loaded by the core the first time a chat shows. */
import { render } from 'preact';
import type { WidgetHandlers, WidgetView } from '../../src/widget';
import { CORNER_CSS } from '../shared/corner';
import { adoptStyles, announce, applyAppearance, container } from '../shared/mount';
import { Chat } from './Chat';
import { CHAT_CSS } from './styles';

let shownId: string | undefined;

function clear() {
  render(null, container('chat'));
  shownId = undefined;
}

export function show(view: WidgetView, handlers: WidgetHandlers): void {
  adoptStyles(CORNER_CSS);
  adoptStyles(CHAT_CSS);
  applyAppearance(view.appearance);
  const close = () => {
    clear();
    handlers.dismissed();
  };
  shownId = view.message.id;
  const el = container('chat');
  render(<Chat view={view} values={{ event: view.event, user: view.user }} onDismiss={close} onReply={handlers.replied} />, el);
  // Announced, never focused: a chat must not take the keyboard from what the person is doing.
  const from = el.querySelector('.name')?.textContent ?? '';
  announce(`Message from ${from}: ${el.querySelector('.bubble')?.textContent ?? ''}`);
}

export function hide(messageId: string): void {
  if (shownId === messageId) clear();
}
