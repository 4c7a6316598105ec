/**
 * The event console: pick one of the ruleset's events (or type any name), write its
 * metadata as JSON (problems show as you type), and track it. Presets replay the seed's
 * scenarios in one click.
 */
import { on } from '../lib/bus.js';
import { $, h } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { parseJson } from '../lib/json-text.js';
import { intercom, track } from '../lib/sdk.js';
import { activeRuleset, applyText } from './ruleset.js';

/** The seed's scenarios, and the example ruleset that answers each. */
export const PRESETS = [
  { label: 'Slow upload, left the page', about: '3 min', event: 'uploaded-file', ruleset: 'upload',
    metadata: { file_name: 'a.png', file_url: 'https://example.com/files/a.png', duration_s: 180, left_page: true } },
  { label: 'Quick upload', about: '20 s', event: 'uploaded-file', ruleset: 'upload',
    metadata: { file_name: 'b.png', file_url: 'https://example.com/files/b.png', duration_s: 20, left_page: true } },
  { label: 'Slow upload, stayed', about: '3 min, on the page', event: 'uploaded-file', ruleset: 'upload',
    metadata: { file_name: 'c.png', file_url: 'https://example.com/files/c.png', duration_s: 180, left_page: false } },
  { label: 'Purchase at "$9.99"', about: 'price as text', event: 'purchased', ruleset: 'trial', metadata: { plan: 'pro', price: '$9.99' } },
  { label: 'Purchase at 9.99', about: 'price as a number', event: 'purchased', ruleset: 'trial', metadata: { plan: 'pro', price: 9.99 } },
  { label: 'Trial about to expire', about: '1 day left', event: 'trial-will-end', ruleset: 'trial', metadata: { days_left: 1 } },
];

/** Events the ruleset reacts to: triggers (`when.event`) and goals. */
export function eventsOf(doc) {
  const names = new Map();
  for (const m of Array.isArray(doc?.messages) ? doc.messages : []) {
    if (typeof m?.when?.event === 'string') names.set(m.when.event, 'trigger');
    if (typeof m?.goal?.event === 'string' && !names.has(m.goal.event)) names.set(m.goal.event, 'goal');
  }
  return names;
}

/** Reads the metadata field: `{ ok, value }`, or the problem to show beside it. */
export function readMetadata(text) {
  if (!text.trim()) return { ok: true, value: undefined, warnings: [] };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `Not JSON, line ${parsed.line}, column ${parsed.column}: ${parsed.message}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'Metadata is one flat object: { "key": value, … }' };
  const warnings = [];
  const nested = Object.keys(value).filter((k) => typeof value[k] === 'object' && value[k] !== null);
  if (nested.length) warnings.push(`${nested.join(', ')}: nested values are dropped by trackEvent`);
  const keys = Object.keys(value).length;
  if (keys > 20) warnings.push(`${keys} keys: only the first 20 are kept`);
  return { ok: true, value, warnings };
}

function showMetadataProblem() {
  const read = readMetadata($('event-metadata').value);
  const out = $('metadata-error');
  out.textContent = read.ok ? read.warnings.join('; ') : read.error;
  out.className = `inline-problem ${read.ok ? (read.warnings.length ? 'warn' : '') : 'bad'}`;
  $('event-metadata').setAttribute('aria-invalid', String(!read.ok));
  return read;
}

function note(content) {
  $('event-note').replaceChildren(...[].concat(content));
}

/** Tracks the form's event; says so when nothing in the ruleset listens for it. */
function fire(suggested) {
  const name = $('event-name').value.trim();
  const read = showMetadataProblem();
  if (!name) {
    note(h('span', { className: 'bad' }, 'Name the event first.'));
    $('event-name').focus();
    return;
  }
  if (!read.ok) {
    $('event-metadata').focus();
    return;
  }
  note(suggested && !eventsOf(activeRuleset().doc).has(name)
    ? [`${suggested}.json has a message for ${name}. `, h('button', { type: 'button', className: 'link', onclick: () => applyExample(suggested) }, `Use ${suggested}.json`)]
    : '');
  track(name, read.value);
}

async function applyExample(name) {
  const text = await (await fetch(`/demo/rulesets/${name}.json`, { cache: 'no-store' })).text();
  $('ruleset-text').value = text;
  $('ruleset-text').dispatchEvent(new Event('input'));
  if (await applyText(text, name)) note(`${name}.json is in use: fire the preset again.`);
}

function renderRuleset(ruleset) {
  const events = eventsOf(ruleset.doc);
  $('event-names').replaceChildren(...[...events.keys()].map((name) => new Option(name)));
  $('triggers').replaceChildren(...[...events].map(([name, kind]) => h('button', {
    type: 'button', className: `chip ${kind}`, title: kind === 'goal' ? 'a goal of a message' : 'triggers a message',
    onclick: () => { $('event-name').value = name; $('event-name').focus(); },
  }, name, kind === 'goal' ? ' (goal)' : '')));
  // A name of the previous ruleset gives way to one of this ruleset.
  if (events.size && !events.has($('event-name').value.trim())) $('event-name').value = [...events.keys()][0];
  const starters = (ruleset.doc.messages ?? []).filter((m) => m?.type === 'tour' || m?.type === 'survey');
  $('starters').replaceChildren(...starters.map((m) => h('button', {
    type: 'button', onclick: () => intercom(m.type === 'tour' ? 'startTour' : 'startSurvey', m.id),
  }, `Start the ${m.type} ${m.id}`)));
}

/** The last tracked event (by the console or by the app) and the decisions it gave. */
let last;

function renderFired() {
  if (!last) return;
  const listens = eventsOf(activeRuleset().doc).has(last.name);
  $('fired').replaceChildren(
    h('div', { className: 'head' }, `${when(last.at)} · ${last.name}${last.decisions.length ? ':' : listens ? ': evaluating…' : ': no message of this ruleset listens for it'}`),
    last.decisions.length ? h('ul', {}, ...last.decisions.map((d) => h('li', { className: d.outcome },
      h('b', { className: 'message' }, d.message_id), h('span', { className: 'outcome' }, d.outcome), h('span', { className: 'reason' }, d.reason),
      h('span', { className: 'detail' }, d.detail)))) : '');
}

export function startConsole() {
  on('tracked', ({ name, at }) => {
    last = { name, at, decisions: [] };
    renderFired();
  });
  on('decision', (decision) => {
    if (!last || decision.event !== last.name) return;
    last.decisions.push(decision);
    renderFired();
  });
  $('presets').replaceChildren(...PRESETS.map((preset) => h('button', {
    type: 'button', className: 'preset', title: `${preset.event} ${JSON.stringify(preset.metadata)}`,
    onclick: () => {
      $('event-name').value = preset.event;
      $('event-metadata').value = JSON.stringify(preset.metadata, null, 1).replace(/\n\s*/g, ' ');
      fire(eventsOf(activeRuleset().doc).has(preset.event) ? undefined : preset.ruleset);
    },
  }, h('span', {}, preset.label), h('small', {}, `${preset.about} · ${preset.ruleset}.json`))));
  $('event-metadata').value = '{ "file_name": "d.png", "duration_s": 150, "left_page": true }';
  $('event-metadata').addEventListener('input', showMetadataProblem);
  $('fire').addEventListener('submit', (e) => {
    e.preventDefault();
    fire(undefined);
  });
  on('ruleset', renderRuleset);
}
