/**
 * People: an anonymous visitor and two users with attributes. A switch is what a site
 * does when someone logs out and another logs in: `shutdown`, then `boot` with the new
 * person (and the ruleset in use). The app's settings page changes attributes by `update`.
 */
import { emit, on } from '../lib/bus.js';
import { $, h } from '../lib/dom.js';
import { intercom, ready, sdkNow } from '../lib/sdk.js';
import { base, bootPerson, currentRulesetUrl } from '../lib/settings.js';
import { span } from '../lib/format.js';

const DAY = 86_400;
const seconds = () => Math.floor(sdkNow() / 1000);

/** Who the panel can be. Dates are unix seconds, relative to the SDK clock at the switch. */
export const PEOPLE = {
  visitor: { label: 'Visitor', about: 'anonymous', attributes: () => ({}) },
  ada: {
    label: 'Ada', about: 'trial, ends in 1 day',
    attributes: () => ({ user_id: 'ada-42', email: 'ada@example.com', name: 'Ada', plan: 'trial', trial_ends_at: seconds() + DAY }),
  },
  grace: {
    label: 'Grace', about: 'pro, 12 seats',
    attributes: () => ({ user_id: 'grace-7', email: 'grace@example.com', name: 'Grace', plan: 'pro', seats: 12, created_at: seconds() - 400 * DAY }),
  },
};

let key = bootPerson.user_id === 'ada-42' ? 'ada' : bootPerson.user_id === 'grace-7' ? 'grace' : 'visitor';
let attributes = { ...bootPerson };

/** The person now: key, label and attributes. The `person` signal adds `switched` after a switch (not after an update). */
export const person = () => ({ key, label: PEOPLE[key].label, attributes: { ...attributes } });

/** Logs the current person out and `next` in. */
export async function switchTo(next) {
  await ready();
  key = next;
  attributes = PEOPLE[next].attributes();
  intercom('shutdown');
  intercom('boot', { ...base, ruleset_url: currentRulesetUrl(), ...attributes });
  emit('person', { ...person(), switched: true });
  emit('history');
}

/** `Intercom('update', attrs)`, as the app's settings page does it. */
export function updateAttributes(changes) {
  attributes = { ...attributes, ...changes };
  intercom('update', { ruleset_url: currentRulesetUrl(), ...changes });
  emit('person', person());
}

const DATE_KEYS = /_at$/;
function describeValue(name, value) {
  if (DATE_KEYS.test(name) && typeof value === 'number') {
    const diff = value * 1000 - sdkNow();
    return `${new Date(value * 1000).toLocaleDateString()} (${diff >= 0 ? 'in ' : ''}${span(diff)}${diff < 0 ? ' ago' : ''})`;
  }
  return JSON.stringify(value);
}

/** `user.plan: "trial"` chips: what audience rules read. */
export function attributeChips(attrs) {
  const entries = Object.entries(attrs);
  if (!entries.length) return [h('span', { className: 'chip muted' }, 'no attributes: user.type is "visitor"')];
  return entries.map(([name, value]) => h('span', { className: 'chip', title: `user.${name}` }, h('b', {}, name), ' ', describeValue(name, value)));
}

function render() {
  const group = $('people');
  // Built once: rebuilding would take the focus away from a radio moved with the arrow keys.
  if (!group.children.length) {
    group.append(...Object.entries(PEOPLE).map(([k, p]) => h('label', { className: 'seg' },
      h('input', { type: 'radio', name: 'person', value: k, onchange: () => switchTo(k) }),
      h('span', {}, h('b', {}, p.label), h('small', {}, p.about)))));
  }
  for (const input of group.querySelectorAll('input')) input.checked = input.value === key;
  $('person-summary').replaceChildren(...attributeChips(attributes));
  $('account').textContent = attributes.name ? `Signed in as ${attributes.name}` : 'Not signed in';
}

export function startPeople() {
  render();
  on('person', render);
  on('travel', render);
  $('new-visitor').addEventListener('click', () => switchTo('visitor'));
}
