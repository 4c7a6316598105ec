/**
 * The pricing page: three plans. Buying tracks `purchased` with the price as the page
 * shows it ("$9.99", a string, as many real integrations send it); a trial tracks
 * `started-trial` (the goal of pricing.json) and updates the plan.
 */
import { h } from '../lib/dom.js';
import { sdkNow, track } from '../lib/sdk.js';
import { updateAttributes } from '../panel/people.js';

const PLANS = [
  { id: 'free', name: 'Free', price: '$0', per: 'forever', features: ['2 GB of storage', 'Share links'] },
  { id: 'pro', name: 'Pro', price: '$9.99', per: 'a month', features: ['1 TB of storage', 'Shared folders', 'Version history'], trial: true },
  { id: 'team', name: 'Team', price: '$24', per: 'a seat, a month', features: ['Everything in Pro', 'Admin console', 'SSO'] },
];

function buy(plan) {
  track('purchased', { plan: plan.id, price: plan.price });
  updateAttributes({ plan: plan.id });
}

function startTrial(plan) {
  track('started-trial', { plan: plan.id });
  updateAttributes({ plan: 'trial', trial_ends_at: Math.floor(sdkNow() / 1000) + 14 * 86_400 });
}

export const pricingView = {
  title: 'Pricing',
  render() {
    return h('section', { className: 'page pricing', attrs: { 'aria-labelledby': 'pricing-title' } },
      h('div', { className: 'page-head' }, h('h1', { id: 'pricing-title', tabIndex: -1 }, 'Pricing')),
      h('p', { className: 'lead' }, 'Every paid plan starts with a 14-day trial. Cancel any time.'),
      h('div', { className: 'plans' }, ...PLANS.map((plan) => h('article', { className: `plan ${plan.id}`, attrs: { 'aria-labelledby': `plan-${plan.id}` } },
        h('h2', { id: `plan-${plan.id}` }, plan.name),
        h('p', { className: 'price' }, h('strong', {}, plan.price), ` ${plan.per}`),
        h('ul', {}, ...plan.features.map((f) => h('li', {}, f))),
        plan.id === 'free' ? h('p', { className: 'muted' }, 'Included') : h('div', { className: 'row' },
          h('button', { type: 'button', className: 'primary', onclick: () => buy(plan) }, `Buy ${plan.name}`),
          plan.trial && h('button', { type: 'button', onclick: () => startTrial(plan) }, 'Start a trial'))))));
  },
};
