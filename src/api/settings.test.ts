import { describe, expect, it } from 'vitest';
import { isUserAttribute, personKey, userAttributes } from './settings';

const HERALD = ['app_id', 'sdk_url', 'ruleset_url', 'events_url', 'debug', 'datalayer_events', 'user_hash'];
const MESSENGER = [
  'api_base', 'installation_type', 'alignment', 'horizontal_padding', 'vertical_padding', 'z_index',
  'action_color', 'background_color', 'hide_default_launcher', 'custom_launcher_selector',
  'session_duration', 'theme_mode', 'language_override', 'company', 'companies', 'avatar', 'phone', 'page_title',
];

describe('userAttributes', () => {
  it('keeps identity and custom keys, drops Herald settings, Messenger settings and utm_*', () => {
    const settings: Record<string, unknown> = {
      user_id: 'u1', email: 'Ann@Example.test', name: 'Ann', created_at: 1_700_000_000,
      plan: 'pro', seats: 5, beta: false, nothing: null,
      utm_source: 'ads', utm_campaign: 'spring', utm_: 'x',
    };
    for (const key of [...HERALD, ...MESSENGER]) settings[key] = `value of ${key}`;
    expect(userAttributes(settings)).toEqual({
      user_id: 'u1', email: 'Ann@Example.test', name: 'Ann', created_at: 1_700_000_000,
      plan: 'pro', seats: 5, beta: false, nothing: null,
    });
  });

  it.each([...HERALD, ...MESSENGER, 'utm_source', 'utm_medium', 'utm_anything'])('%s is not a user attribute', (key) => {
    expect(isUserAttribute(key)).toBe(false);
    expect(userAttributes({ [key]: 'x' })).toEqual({});
  });

  it.each(['user_id', 'email', 'name', 'created_at', 'plan', 'utm', 'my_utm_source', 'UTM_source', 'type_of_account'])('%s is a user attribute', (key) => {
    expect(isUserAttribute(key)).toBe(true);
  });

  it('leaves out undefined values', () => {
    expect(userAttributes({ plan: undefined, name: 'A' })).toEqual({ name: 'A' });
  });

  it('does not change the settings', () => {
    const settings = { app_id: 'a', plan: 'pro' };
    userAttributes(settings);
    expect(settings).toEqual({ app_id: 'a', plan: 'pro' });
  });
});

describe('personKey', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['user_id first', { user_id: 'u1', email: 'a@b.test' }, 'user:u1'],
    ['a numeric user_id', { user_id: 42, email: 'a@b.test' }, 'user:42'],
    ['a user_id of 0', { user_id: 0 }, 'user:0'],
    ['email when there is no user_id', { email: 'a@b.test' }, 'email:a@b.test'],
    ['email lower-cased', { email: 'Ann@Example.TEST' }, 'email:ann@example.test'],
    ['email when user_id is empty', { user_id: '', email: 'a@b.test' }, 'email:a@b.test'],
    ['email when user_id is null', { user_id: null, email: 'a@b.test' }, 'email:a@b.test'],
    ['the visitor without either', { name: 'Ann' }, 'visitor:v-123'],
    ['the visitor when email is empty', { email: '' }, 'visitor:v-123'],
    ['the visitor when email is not a string', { email: 42 }, 'visitor:v-123'],
  ])('%s', (_name, settings, key) => {
    expect(personKey(settings, 'v-123')).toBe(key);
  });
});
