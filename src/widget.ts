import type { Message, MessageType, Primitive } from './ruleset/types';

/** Intercom appearance settings that style the widgets, checked by the core. */
export interface Appearance {
  action_color?: string;
  background_color?: string;
  z_index?: number;
  alignment?: 'left' | 'right';
  horizontal_padding?: number;
  vertical_padding?: number;
}

/** What a widget is given to show one message. */
export interface WidgetView {
  message: Message;
  /** The triggering event's metadata, for `{{event.KEY}}`; empty for page messages. */
  event: Record<string, Primitive>;
  /** User attributes, for `{{user.KEY}}`. */
  user: Record<string, unknown>;
  appearance: Appearance;
}

/** How a widget tells the core what the person did. */
export interface WidgetHandlers {
  /** The message left the screen because the person dismissed it. */
  dismissed(): void;
  /** The person used the message's main action. */
  clicked(): void;
}

/**
 * The contract between the core and a widget chunk. The core never imports a widget
 * statically: it loads the chunk of a type the first time a message of that type shows.
 */
export interface Widget {
  show(view: WidgetView, handlers: WidgetHandlers): void;
  /** Removes the message from the screen without calling `dismissed`. */
  hide(messageId: string): void;
}

export type LoadWidget = (type: MessageType) => Promise<Widget>;
