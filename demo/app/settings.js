/**
 * The settings page: the signed-in person's profile. Saving calls `Intercom('update')`
 * with the changed attributes, as a site does when its user edits them.
 */
import { h } from '../lib/dom.js';
import { PEOPLE, person, switchTo, updateAttributes } from '../panel/people.js';

const dateInput = (seconds) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().slice(0, 10) : '');

export const settingsView = {
  title: 'Settings',
  render() {
    const { attributes } = person();
    if (!attributes.user_id && !attributes.email) {
      return h('section', { className: 'page settings', attrs: { 'aria-labelledby': 'settings-title' } },
        h('div', { className: 'page-head' }, h('h1', { id: 'settings-title', tabIndex: -1 }, 'Settings')),
        h('p', { className: 'lead' }, 'You are browsing as an anonymous visitor.'),
        h('div', { className: 'row' }, ...['ada', 'grace'].map((key) => h('button', { type: 'button', onclick: () => switchTo(key) }, `Sign in as ${PEOPLE[key].label}`))));
    }
    const saved = h('p', { className: 'saved', attrs: { role: 'status' } });
    const field = (label, input) => h('label', { className: 'field' }, h('span', {}, label), input);
    const name = h('input', { name: 'name', value: attributes.name ?? '', autocomplete: 'name' });
    const email = h('input', { name: 'email', type: 'email', value: attributes.email ?? '', autocomplete: 'email' });
    const plan = h('select', { name: 'plan' }, ...['free', 'trial', 'pro', 'team'].map((p) => new Option(p, p, false, p === attributes.plan)));
    const trialEnds = h('input', { name: 'trial_ends_at', type: 'date', value: dateInput(attributes.trial_ends_at) });
    const form = h('form', { className: 'profile', onsubmit: (e) => {
      e.preventDefault();
      const changes = { name: name.value, email: email.value, plan: plan.value };
      if (trialEnds.value) changes.trial_ends_at = Math.floor(Date.parse(`${trialEnds.value}T12:00:00Z`) / 1000);
      updateAttributes(changes);
      saved.textContent = `Saved: Intercom('update', ${JSON.stringify(changes)})`;
    } },
    field('Name', name), field('Email', email), field('Plan', plan), field('Trial ends', trialEnds),
    h('div', { className: 'row' }, h('button', { type: 'submit', className: 'primary' }, 'Save')), saved);
    return h('section', { className: 'page settings', attrs: { 'aria-labelledby': 'settings-title' } },
      h('div', { className: 'page-head' }, h('h1', { id: 'settings-title', tabIndex: -1 }, 'Settings')),
      h('p', { className: 'lead' }, `Signed in as ${attributes.name ?? attributes.email}, user ${attributes.user_id}.`),
      form);
  },
};

export const notFoundView = {
  title: 'Not found',
  render: () => h('section', { className: 'page' }, h('h1', { tabIndex: -1 }, 'Page not found'), h('p', {}, h('a', { href: '/', dataset: { route: '' } }, 'Back to your uploads'))),
};
