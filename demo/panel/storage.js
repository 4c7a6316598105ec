/**
 * Storage: what Herald keeps for the current person, per message of the ruleset (sends,
 * last send, next allowed time, max), from `debug:history`; reset one message or all with
 * `debug:resetHistory`.
 */
import { emit, on } from '../lib/bus.js';
import { $, h } from '../lib/dom.js';
import { span, when } from '../lib/format.js';
import { debugCall, intercom, sdkNow } from '../lib/sdk.js';
import { person } from './people.js';
import { activeRuleset } from './ruleset.js';

function nextAllowed(entry, now) {
  if (entry.max !== null && entry.count >= entry.max) return h('span', { className: 'never' }, 'never (max reached)');
  if (entry.next_allowed_at === null || entry.next_allowed_at <= now) return h('span', { className: 'now' }, 'now');
  return h('span', {}, when(entry.next_allowed_at), h('small', {}, ` in ${span(entry.next_allowed_at - now)}`));
}

function render(history) {
  const now = sdkNow();
  const body = $('history').tBodies[0];
  body.replaceChildren(...history.map((entry) => h('tr', { dataset: { historyFor: entry.message_id } },
    h('th', { scope: 'row' }, h('code', {}, entry.message_id)),
    h('td', { className: 'sends' }, String(entry.count)),
    h('td', { className: 'max' }, entry.max === null ? 'none' : String(entry.max)),
    h('td', {}, entry.last === null ? '—' : [when(entry.last), h('small', {}, now - entry.last < 1000 ? 'just now' : `${span(now - entry.last)} ago`)]),
    h('td', {}, nextAllowed(entry, now)),
    h('td', {}, h('button', { type: 'button', className: 'quiet small', disabled: entry.count === 0, attrs: { 'aria-label': `Reset ${entry.message_id}` }, onclick: () => reset(entry.message_id) }, 'Reset')))));
  if (!history.length) body.append(h('tr', {}, h('td', { colSpan: 6, className: 'empty' }, 'The ruleset has no messages.')));
  const { label, attributes } = person();
  const who = attributes.user_id ? `user_id ${attributes.user_id}` : attributes.email ? `email ${attributes.email}` : `visitor id ${intercom('getVisitorId') ?? '…'}`;
  $('storage-person').textContent = `${label}: limits are counted for ${who}.`;
}

let pending;
let tries = 0;
/** Reads the history again (soon: several signals often come at once). */
function refresh() {
  clearTimeout(pending);
  pending = setTimeout(async () => {
    const history = (await debugCall('debug:history')) ?? [];
    // Right after a boot the SDK may not have its ruleset yet: ask again shortly.
    if (!history.length && activeRuleset().doc.messages?.length && tries++ < 20) return refresh();
    tries = 0;
    render(history);
  }, 100);
}

async function reset(messageId) {
  await debugCall('debug:resetHistory', messageId);
  emit('history');
}

export function startStorage() {
  on('history', refresh);
  on('travel', refresh);
  on('person', refresh);
  on('ruleset', refresh);
  $('reset-all').addEventListener('click', () => reset(undefined));
  $('refresh-history').addEventListener('click', refresh);
  refresh();
}
