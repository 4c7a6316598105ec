/**
 * The npm package's public types: the typed face of `Intercom(command, ...args)`. Types
 * only: the function itself (src/api/intercom.ts) accepts anything, as JavaScript callers
 * and Intercom's loaders need, and warns about what it cannot use; here the same rules are
 * compile-time errors (an unknown command, a missing or wrong argument).
 *
 * Self-contained on purpose, with shapes.ts and settings.ts: their emitted declarations
 * import only each other, with extensions, so apps that resolve modules as Node does
 * (`moduleResolution: node16 / nodenext`, where a declaration's extensionless relative
 * import does not resolve) see these types, not `any` (src/index.package.test.ts).
 */
import type { Decision } from './shapes.js';
import type { Settings } from './settings.js';

/** A value `trackEvent` keeps: others (objects, arrays, dates) are dropped with a warning. */
export type MetadataValue = string | number | boolean | null;

/** `trackEvent` metadata: a flat object; only its first 20 keys are kept. */
export type EventMetadata = Record<string, MetadataValue>;

/** `boot` settings: `app_id` is required (without it, boot warns and does nothing). */
export type BootSettings = Settings & { app_id: string };

/** What `onReply` listeners receive when a person replies to a chat. */
export interface Reply {
  message_id: string;
  text: string;
}

/** What `onSurveyAnswer` listeners receive for each answer to a survey question. */
export interface SurveyAnswer {
  message_id: string;
  question_id: string;
  answer: unknown;
}

/** `debug:loadRuleset`: whether the document was applied, and the messages skipped. */
export interface LoadRulesetResult {
  ok: boolean;
  /** Why the whole document was rejected, when `ok` is false. */
  detail?: string;
  invalid: { id: string; detail: string }[];
}

/** `debug:history`: what this person was shown of one message. */
export interface MessageHistory {
  message_id: string;
  count: number;
  /** Epoch ms of the last showing, or null. */
  last: number | null;
  /** Epoch ms from which the frequency allows the next showing; null when never shown or `max` is reached. */
  next_allowed_at: number | null;
  max: number | null;
}

/**
 * Herald's commands: each method is one `Intercom(name, ...args)` call. Calls marked
 * "held" that are made before `boot` wait for it.
 */
export interface Commands {
  /** Starts the SDK for this person (the npm package never boots by itself). */
  boot(settings: BootSettings): void;
  /** Merges user attributes, re-fetches the ruleset (at most once a minute), re-evaluates page messages. Held. */
  update(attributes?: Settings): void;
  /** Hides everything and forgets the visitor and the user: the next boot is a new visitor. */
  shutdown(): void;
  /** Records the event (its time is the time of the call) and evaluates the messages it triggers. Held. */
  trackEvent(name: string, metadata?: EventMetadata): void;
  /** Dismisses every visible message and drops those waiting for their turn. Held. */
  hide(): void;
  /** `fn(decision)` for every decision Herald makes. */
  onDecision(fn: (decision: Decision) => void): void;
  /** `fn({ message_id, text })` when a person replies to a chat. */
  onReply(fn: (reply: Reply) => void): void;
  /** `fn({ message_id, question_id, answer })` for each survey answer. */
  onSurveyAnswer(fn: (answer: SurveyAnswer) => void): void;
  /** Starts the tour with this id at once, whatever its rules. Held. */
  startTour(id: string): void;
  /** Shows the survey with this id at once, whatever its rules. Held. */
  startSurvey(id: string): void;
  /** The visitor id (a persisted random id); undefined before boot. */
  getVisitorId(): string | undefined;
  /** Debug tools (setting `debug_tools: true`; undefined otherwise): moves Herald's clock by `ms`; the new offset. */
  'debug:travel'(ms: number): number | undefined;
  /** Debug tools: applies a ruleset document at once, without fetching. */
  'debug:loadRuleset'(ruleset: unknown): Promise<LoadRulesetResult> | undefined;
  /** Debug tools: this person's history of each message of the ruleset. */
  'debug:history'(): Promise<MessageHistory[]> | undefined;
  /** Debug tools: forgets this person's history of one message, or of all. */
  'debug:resetHistory'(messageId?: string): Promise<void> | undefined;
}

/**
 * Intercom Messenger calls Herald has no counterpart for (there is no Messenger inbox):
 * accepted, ignored, with one warning per name. Arguments as Intercom takes them.
 */
export interface IgnoredCommands {
  show(): void;
  showMessages(): void;
  showNewMessage(content?: string): void;
  showSpace(space: string): void;
  showArticle(articleId: string | number): void;
  showNews(newsItemId: string | number): void;
  showTicket(ticketId: string | number): void;
  showConversation(conversationId: string | number): void;
  startConversation(message?: string): void;
  startChecklist(checklistId: string | number): void;
  hideNotifications(hidden: boolean): void;
  setAuthTokens(tokens: Record<string, string>): void;
  whoami(): void;
}

/**
 * Calls Intercom's loaders make on every page (react-use-intercom registers these
 * listeners at boot): accepted without a word. The listeners are never called: Herald
 * has no Messenger to show, hide or count unread messages in.
 */
export interface SilentCommands {
  reattach_activator(): void;
  onShow(fn: () => void): void;
  onHide(fn: () => void): void;
  onUnreadCountChange(fn: (unreadCount: number) => void): void;
  onUserEmailSupplied(fn: () => void): void;
}

export type Command = keyof Commands;
export type IgnoredCommand = keyof IgnoredCommands;
export type SilentCommand = keyof SilentCommands;

/** The arguments after the command's name: `CommandArgs<'trackEvent'>` is `[name, metadata?]`. */
export type CommandArgs<C extends Command> = Parameters<Commands[C]>;

/** What the call returns: `CommandResult<'getVisitorId'>` is `string | undefined`. */
export type CommandResult<C extends Command> = ReturnType<Commands[C]>;

/** Intercom's calls that Herald accepts without acting on them. */
type IntercomOnly = IgnoredCommands & SilentCommands;

/**
 * `Intercom(command, ...args)`, typed. Herald's own commands first; Intercom's Messenger
 * calls type-check too (code moved from Intercom keeps compiling) but are marked
 * deprecated, so editors strike them through: Herald does nothing for them. One signature
 * for those, not two, keeps the message of a wrong call short.
 */
export interface IntercomFunction {
  <C extends Command>(command: C, ...args: CommandArgs<C>): CommandResult<C>;
  /**
   * @deprecated An Intercom Messenger call: Herald has no Messenger, and ignores it (`show`,
   * `showMessages`... with one console warning; the listeners Intercom's loaders register
   * silently, and they are never called).
   */
  <C extends keyof IntercomOnly>(command: C, ...args: Parameters<IntercomOnly[C]>): undefined;
}
