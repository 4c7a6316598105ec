/**
 * The docs keep up with the code: docs/reference.md names every command, setting, message
 * field, operator, decision reason and DOM hook; the migration page every Intercom call
 * Herald ignores; and the links of the docs lead somewhere. The lists are typed, so a
 * command or a setting added to the types fails to compile here until it is listed.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command, IgnoredCommand, Message, Reason, Settings, SilentCommand } from './index';
import { isUserAttribute } from './api/settings';
import { OPERATORS } from './engine/operators';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const reference = read('docs/reference.md');
const migrating = read('docs/migrating-from-intercom.md');
const names = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

const COMMANDS = names<Command>({
  boot: true, update: true, shutdown: true, trackEvent: true, hide: true, onDecision: true, onReply: true,
  onSurveyAnswer: true, startTour: true, startSurvey: true, getVisitorId: true,
  'debug:travel': true, 'debug:loadRuleset': true, 'debug:history': true, 'debug:resetHistory': true,
});
const IGNORED = names<IgnoredCommand | SilentCommand>({
  show: true, showMessages: true, showNewMessage: true, showSpace: true, showArticle: true, showNews: true,
  showTicket: true, showConversation: true, startConversation: true, startChecklist: true,
  hideNotifications: true, setAuthTokens: true, whoami: true,
  reattach_activator: true, onShow: true, onHide: true, onUnreadCountChange: true, onUserEmailSupplied: true,
});
/** The settings the type names (not its index signature: custom attributes). */
type NamedSetting = keyof { [K in keyof Settings as string extends K ? never : K]: true };
const SETTINGS = names<NamedSetting>({
  app_id: true, sdk_url: true, ruleset_url: true, events_url: true, user_id: true, email: true, name: true,
  created_at: true, user_hash: true, debug: true, debug_tools: true, datalayer_events: true,
  action_color: true, background_color: true, z_index: true, alignment: true, horizontal_padding: true,
  vertical_padding: true, api_base: true, installation_type: true, hide_default_launcher: true,
  custom_launcher_selector: true, session_duration: true, theme_mode: true, language_override: true,
  company: true, companies: true, avatar: true, phone: true, page_title: true,
});
const IDENTITY = ['user_id', 'email', 'name', 'created_at'];
const MESSAGE_FIELDS = names<keyof Message>({
  id: true, type: true, state: true, live_at: true, when: true, where: true, audience: true, frequency: true,
  schedule: true, goal: true, content: true,
});
const REASONS = names<Reason>({
  ok: true, not_live: true, stopped: true, metadata: true, where: true, audience: true, frequency: true,
  max_sends: true, schedule: true, invalid: true, busy: true,
});

/** Names as the docs write them: in code spans. */
const mentions = (text: string, name: string) => text.includes(`\`${name}\``) || text.includes(`\`${name}(`);

describe('docs/reference.md', () => {
  it.each(COMMANDS)('documents the call %s', (command) => {
    expect(mentions(reference, command)).toBe(true);
  });

  it.each(IGNORED)('lists %s among the Intercom calls it accepts', (command) => {
    expect(mentions(reference, command)).toBe(true);
  });

  it.each(SETTINGS)('documents the setting %s', (key) => {
    expect(mentions(reference, key)).toBe(true);
  });

  it('every setting the type names is one the runtime keeps out of user attributes (but the identity)', () => {
    // The type and settings.ts's key lists must agree: a key typed as Herald's or
    // Intercom's own, but read as a custom attribute, would surprise its users.
    expect(SETTINGS.filter((key) => isUserAttribute(key) !== IDENTITY.includes(key))).toEqual([]);
  });

  it.each(MESSAGE_FIELDS)('documents the message field %s', (field) => {
    expect(reference).toMatch(new RegExp(`\\| \`${field}\` \\|`));
  });

  it.each(Object.keys(OPERATORS))('documents the operator %s', (op) => {
    expect(mentions(reference, op)).toBe(true);
  });

  it.each(REASONS)('gives the reason %s an example detail', (reason) => {
    expect(reference).toMatch(new RegExp(`^\\| \`${reason}\` \\| \`\\w+\`.* \\| \`.+\` `, 'm'));
  });

  it('documents every DOM hook a widget renders', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.tsx$/.test(name) ? [full] : [];
    });
    const hooks = new Set<string>();
    for (const file of files(path.join(ROOT, 'widgets'))) {
      const source = readFileSync(file, 'utf8');
      for (const [, attribute, value] of source.matchAll(/\b(data-(?:action|part))="([^"]+)"/g)) hooks.add(`[${attribute}="${value}"]`);
      for (const [, attribute] of source.matchAll(/\b(data-(?:message-id|message-type|tour-step|question-id|answer))=/g)) hooks.add(attribute!);
    }
    // The post's actions and a survey's next/submit button choose their hook in code.
    for (const hook of ['[data-action="primary"]', '[data-action="secondary"]', '[data-action="next"]', '[data-action="submit"]']) hooks.add(hook);
    expect([...hooks].filter((hook) => !reference.includes(hook))).toEqual([]);
  });
});

describe('docs/migrating-from-intercom.md', () => {
  it.each(IGNORED)('says what happens to %s', (command) => {
    expect(mentions(migrating, command)).toBe(true);
  });

  it('quotes the warning an ignored call gives', () => {
    expect(migrating).toContain('[herald] showMessages is an Intercom Messenger call that Herald does not implement; ignored');
  });
});

describe('links', () => {
  it.each(['docs/reference.md', 'docs/migrating-from-intercom.md', 'CHANGELOG.md', 'examples/react-spa/README.md'])('the relative links of %s lead to files and headings that exist', (file) => {
    const text = read(file);
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [page, anchor] = target!.split('#');
      const to = page ? path.join(path.dirname(path.join(ROOT, file)), page) : path.join(ROOT, file);
      if (!existsSync(to)) broken.push(target!);
      else if (anchor && to.endsWith('.md')) {
        const slugs = [...readFileSync(to, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, h]) => h!.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
        if (!slugs.includes(anchor)) broken.push(target!);
      }
    }
    expect(broken).toEqual([]);
  });
});
