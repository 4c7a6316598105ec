/**
 * What `intercomSettings`, `boot` and `update` may carry (SPEC section 2); docs/reference.md
 * says what each does. Every key not named here is a custom user attribute (`user.<key>`).
 * Part of the npm package's public types: this file imports nothing (see api/types.ts).
 */
export interface Settings {
  /** Required to boot: namespaces all stored state. */
  app_id?: string;
  /** Read by the snippet only: where messenger.js is. */
  sdk_url?: string;
  ruleset_url?: string;
  events_url?: string;
  user_id?: string | number;
  email?: string;
  name?: string;
  /** Unix seconds. */
  created_at?: number;
  /** Accepted and ignored: Herald has no server to verify identities. */
  user_hash?: string;
  /** Every decision is also written to the console. */
  debug?: boolean;
  /** The debug tools (`debug:travel`, ...) and rule traces in decisions: for QA pages only. */
  debug_tools?: boolean;
  /** `dataLayer.push({ event })` entries with these names become `trackEvent` calls. */
  datalayer_events?: string[];
  // Intercom's Messenger settings: accepted, never user attributes; the first six style the widgets.
  action_color?: string;
  background_color?: string;
  z_index?: number;
  alignment?: 'left' | 'right';
  horizontal_padding?: number;
  vertical_padding?: number;
  api_base?: string;
  installation_type?: string;
  hide_default_launcher?: boolean;
  custom_launcher_selector?: string;
  session_duration?: number;
  theme_mode?: string;
  language_override?: string;
  company?: Record<string, unknown>;
  companies?: Record<string, unknown>[];
  avatar?: Record<string, unknown>;
  phone?: string;
  page_title?: string;
  [key: string]: unknown;
}

/** Keys that configure Herald itself: never user attributes. */
const HERALD_KEYS = ['app_id', 'sdk_url', 'ruleset_url', 'events_url', 'debug', 'debug_tools', 'datalayer_events', 'user_hash'];

/** Intercom Messenger settings: accepted, some style the widgets, none is an attribute. */
const MESSENGER_KEYS = [
  'api_base', 'installation_type', 'alignment', 'horizontal_padding', 'vertical_padding', 'z_index',
  'action_color', 'background_color', 'hide_default_launcher', 'custom_launcher_selector',
  'session_duration', 'theme_mode', 'language_override', 'company', 'companies', 'avatar', 'phone', 'page_title',
];

const NOT_ATTRIBUTES = new Set([...HERALD_KEYS, ...MESSENGER_KEYS]);

/** Is this settings key a user attribute, readable by rules as `user.<key>`? */
export const isUserAttribute = (key: string) => !NOT_ATTRIBUTES.has(key) && !key.startsWith('utm_');

/** The user attributes among settings: identity (`user_id`, `email`, `name`, `created_at`) and custom ones. */
export function userAttributes(settings: Settings): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  // defineProperty: an own "__proto__" key stays a key, never the object's prototype.
  for (const key of Object.keys(settings)) {
    if (isUserAttribute(key) && settings[key] !== undefined) Object.defineProperty(user, key, { value: settings[key], enumerable: true, writable: true, configurable: true });
  }
  return user;
}

/** Who the limits are counted for: the user, else the email, else the anonymous visitor. */
export function personKey(settings: Settings, visitorId: string): string {
  if (settings.user_id !== undefined && settings.user_id !== null && settings.user_id !== '') return `user:${settings.user_id}`;
  if (typeof settings.email === 'string' && settings.email) return `email:${settings.email.toLowerCase()}`;
  return `visitor:${visitorId}`;
}
