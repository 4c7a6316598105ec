/**
 * The decision timeline: every decision Herald makes (`Intercom('onDecision')`), newest
 * first, with its time, event, message, outcome, reason and detail; filtered by message or
 * outcome. A row opens onto its trace: each rule of the message, held or failed, and the
 * value it read (the SDK traces decisions that did not show, with `debug_tools`).
 */
import { emit, on } from '../lib/bus.js';
import { $, h } from '../lib/dom.js';
import { shown, when } from '../lib/format.js';
import { intercom } from '../lib/sdk.js';
import { person } from './people.js';

const MAX_ROWS = 500;
let rows = 0;
const known = new Set();

/** `duration_s gt 120`: a rule as the ruleset writes it. */
const ruleText = (rule) => [rule.key ?? rule.attr, rule.op, rule.value === undefined ? '' : JSON.stringify(rule.value)].filter(Boolean).join(' ');

function traceList(decision, id) {
  if (!decision.trace) {
    const text = decision.outcome === 'shown' && decision.reason === 'ok'
      ? 'Shown. Herald traces the rules of decisions that did not show; this one passed every check.'
      : 'No rule trace for this decision (its detail says why).';
    return h('div', { className: 'trace', id, hidden: true }, h('p', { className: 'hint' }, text));
  }
  if (!decision.trace.length) return h('div', { className: 'trace', id, hidden: true }, h('p', { className: 'hint' }, 'The message has no metadata, where or audience rules.'));
  return h('ol', { className: 'trace', id, hidden: true }, ...decision.trace.map((t) => h('li', { className: t.held ? 'held' : 'failed', dataset: { held: String(t.held), section: t.section } },
    h('span', { className: 'mark' }, t.held ? '✓ held' : '✗ failed'),
    h('span', { className: 'section' }, t.section),
    h('code', { className: 'rule' }, ruleText(t.rule)),
    h('span', { className: 'seen' }, 'saw ', h('code', {}, shown(t.value))))));
}

function row(decision) {
  const id = `trace-${++rows}`;
  const failed = decision.trace?.filter((t) => !t.held).length ?? 0;
  const toggle = h('button', { type: 'button', className: 'expand', attrs: { 'aria-expanded': 'false', 'aria-controls': id } },
    decision.trace ? `Rules (${decision.trace.length}${failed ? `, ${failed} failed` : ''})` : 'Rules');
  const trace = traceList(decision, id);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    trace.hidden = !open;
  });
  // Not data-message-id: that hook names the messages Herald shows.
  return h('li', { className: `decision ${decision.outcome}`, dataset: { decisionFor: decision.message_id, outcome: decision.outcome, reason: decision.reason } },
    h('div', { className: 'line' },
      h('time', { dateTime: new Date(decision.at).toISOString() }, when(decision.at)),
      h('span', { className: 'outcome' }, decision.outcome),
      h('span', { className: 'reason' }, decision.reason),
      h('b', { className: 'message' }, decision.message_id),
      h('span', { className: 'event' }, decision.event ? `on ${decision.event}` : 'page'),
      h('span', { className: 'who', title: 'the person' }, person().label)),
    h('div', { className: 'line' }, h('p', { className: 'detail' }, decision.detail), toggle),
    trace);
}

function addFilterOption(id) {
  if (known.has(id)) return;
  known.add(id);
  $('filter-message').append(new Option(id, id));
}

function applyFilters() {
  const message = $('filter-message').value;
  const outcome = $('filter-outcome').value;
  let visible = 0;
  const items = $('decisions').children;
  for (const item of items) {
    item.hidden = (message && item.dataset.decisionFor !== message) || (outcome && item.dataset.outcome !== outcome);
    if (!item.hidden) visible += 1;
  }
  $('decision-count').textContent = items.length ? String(items.length) : '';
  $('decisions-empty').hidden = items.length > 0;
  $('decisions-empty').textContent = 'No decision yet: fire an event, or move around the app.';
  if (items.length && !visible) {
    $('decisions-empty').hidden = false;
    $('decisions-empty').textContent = `None of the ${items.length} decisions matches the filters.`;
  }
}

function add(decision) {
  addFilterOption(decision.message_id);
  const list = $('decisions');
  list.prepend(row(decision));
  while (list.children.length > MAX_ROWS) list.lastElementChild.remove();
  applyFilters();
  $('decision-status').textContent = `${decision.message_id}: ${decision.outcome} (${decision.reason})`;
  emit('decision', decision);
  emit('history');
}

export function startTimeline() {
  intercom('onDecision', add);
  on('ruleset', (ruleset) => { for (const m of ruleset.doc.messages ?? []) if (typeof m?.id === 'string') addFilterOption(m.id); });
  $('filter-message').addEventListener('change', applyFilters);
  $('filter-outcome').addEventListener('change', applyFilters);
  $('clear-decisions').addEventListener('click', () => {
    $('decisions').replaceChildren();
    applyFilters();
  });
  applyFilters();
}
