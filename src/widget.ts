import type { Settings } from './api/settings';
import type { Message, MessageType, Primitive } from './ruleset/types';

/** Intercom's appearance settings that style the widgets. */
export const APPEARANCE_KEYS = ['action_color', 'background_color', 'z_index', 'alignment', 'horizontal_padding', 'vertical_padding'] as const;
export type Appearance = Pick<Settings, (typeof APPEARANCE_KEYS)[number]>;

/** What a widget is given to show one message. */
export interface WidgetView {
  message: Message;
  /** The triggering event's metadata, for `{{event.KEY}}`; empty for page messages. */
  event: Record<string, Primitive>;
  /** User attributes, for `{{user.KEY}}`. */
  user: Record<string, unknown>;
  appearance: Appearance;
  /** Tours: the step to show (0-based), when resuming after a reload or a navigation. */
  step?: number;
}

/** How a tour ended. */
export type TourEnd =
  | { how: 'done' }
  | { how: 'dismissed'; step: number }
  /** A step's target never appeared on the page; `detail` says so, for the decision. */
  | { how: 'missing'; step: number; detail: string };

/** How a widget tells the core what the person did. */
export interface WidgetHandlers {
  /** The message left the screen because the person dismissed it (tours: see `ended`). */
  dismissed(): void;
  /** The person used an action: 0 is the main one (`data-action="primary"`). */
  clicked(action?: number): void;
  /** Chats: the person sent a reply. */
  replied(text: string): void;
  /** Tours: step `step` is on screen (kept, so the tour resumes there). */
  progressed(step: number): void;
  /** Tours: the tour is over; the widget has removed it. */
  ended(end: TourEnd): void;
  /** Surveys: one answer, as soon as it is given (a survey closed half way keeps them). */
  answered(questionId: string, answer: unknown): void;
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
