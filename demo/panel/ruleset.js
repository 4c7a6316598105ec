/**
 * The ruleset panel: pick an example of demo/rulesets/, or paste and edit JSON. The
 * validator (the CLI's, with paths and hints, through the demo server) checks the text as
 * it is typed and each problem shows at its line. Apply loads the text into the SDK with
 * `debug:loadRuleset`: it takes effect at once, without a reload.
 */
import { emit } from '../lib/bus.js';
import { $, h } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { locate, parseJson } from '../lib/json-text.js';
import { debugCall, intercom, sdkNow } from '../lib/sdk.js';
import { base, servedName, setRulesetUrl } from '../lib/settings.js';

const EDITED = '__edited__';
const exampleUrl = (name) => `/demo/rulesets/${name}.json`;

/** The ruleset the SDK uses now: where it is served, its text and document. */
let active = { name: servedName, url: base.ruleset_url, text: '', doc: { version: 1, messages: [] }, appliedAt: undefined };

/** The ruleset in use (for the other parts of the panel). */
export const activeRuleset = () => active;

const editor = () => $('ruleset-text');

/** `upload-finished: a banner on uploaded-file` for each message. */
export function aboutMessages(doc) {
  const messages = Array.isArray(doc?.messages) ? doc.messages : [];
  if (!messages.length) return 'no messages';
  return messages.map((m) => `${m?.id}: ${m?.type ?? '?'} ${m?.when?.event ? `on ${m.when.event}` : 'for the page'}`).join(' · ');
}

function renderState() {
  const dirty = editor().value !== active.text;
  const source = active.name ? `${active.name}.json` : 'edited ruleset';
  const applied = active.appliedAt ? `applied ${when(active.appliedAt)}` : 'loaded with the page';
  $('ruleset-state').textContent = `${source}, ${applied}${dirty ? ' · the editor has changes not applied' : ''} · ${aboutMessages(active.doc)}`;
  const select = $('ruleset-select');
  let edited = select.querySelector(`option[value="${EDITED}"]`);
  if (!active.name && !edited) select.append(edited = new Option('✎ edited ruleset', EDITED));
  if (active.name && edited) edited.remove();
  select.value = active.name ?? EDITED;
  $('ruleset-apply').textContent = dirty ? 'Apply changes' : 'Apply';
}

// ---- validation -------------------------------------------------------------------------

let checking = 0;

/** The page's own validator chunk, when the demo server cannot run the CLI: no hints then. */
async function checkInPage(doc) {
  const { checkRuleset } = await import('/sdk/validate.js');
  const result = checkRuleset(doc);
  const split = (detail) => {
    const m = /^(\$\S*?): (.*)$/.exec(detail);
    return m ? { path: m[1], message: m[2] } : { path: '$', message: detail };
  };
  const problems = result.ok ? result.invalid.map((p) => ({ level: 'error', ...split(p.detail) })) : [{ level: 'error', ...split(result.detail) }];
  return { ok: result.ok && !problems.length, summary: problems.length ? `${problems.length} errors (hints need the demo server)` : 'valid', problems };
}

async function validate(text) {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, summary: 'not valid JSON', problems: [{ level: 'error', path: '$', message: `not valid JSON: ${parsed.message}`, line: parsed.line, column: parsed.column }] };
  try {
    const response = await fetch('/demo/validate', { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    return await response.json();
  } catch {
    return checkInPage(parsed.value);
  }
}

function selectLine(line) {
  const text = editor().value;
  const lines = text.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  editor().focus();
  editor().setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  const lineHeight = parseFloat(getComputedStyle(editor()).lineHeight) || 18;
  editor().scrollTop = Math.max(0, (line - 4) * lineHeight);
}

function renderGutter(problems = []) {
  const count = editor().value.split('\n').length;
  const byLine = new Map();
  for (const p of problems) if (p.line && !(byLine.get(p.line)?.level === 'error')) byLine.set(p.line, p);
  const gutter = $('ruleset-gutter');
  gutter.replaceChildren(...Array.from({ length: count }, (_, i) => {
    const p = byLine.get(i + 1);
    return h('div', { className: p ? `ln ${p.level}` : 'ln', title: p ? `${p.path}: ${p.message}` : '' }, String(i + 1));
  }));
  gutter.scrollTop = editor().scrollTop;
}

function renderProblems(report) {
  const text = editor().value;
  const problems = report.problems.map((p) => (p.line ? p : { ...p, ...(locate(text, p.path) ?? {}) }));
  const errors = problems.filter((p) => p.level === 'error').length;
  const summary = $('ruleset-summary');
  summary.textContent = report.ok && !problems.length ? `Valid: ${aboutMessages(parseJson(text).value)}` : report.summary;
  summary.className = `summary ${errors ? 'bad' : problems.length ? 'warn' : 'good'}`;
  $('problem-count').textContent = errors ? String(errors) : '';
  $('ruleset-problems').replaceChildren(...problems.map((p) => h('li', { className: `problem ${p.level}` },
    p.line ? h('button', { type: 'button', className: 'at', onclick: () => selectLine(p.line), title: 'Show in the editor' }, `line ${p.line}`) : h('span', { className: 'at' }, ''),
    h('div', { className: 'what' },
      h('span', { className: 'level' }, p.level), ' ',
      h('code', { className: 'path' }, p.path), ' ',
      h('span', { className: 'message' }, p.message),
      p.hint && h('div', { className: 'hint-line' }, h('span', { className: 'hint-label' }, 'hint: '), p.hint)))));
  renderGutter(problems);
}

/** Checks the editor's text; a newer check wins over an older one still running. */
async function check() {
  const mine = ++checking;
  const text = editor().value;
  renderGutter();
  const report = await validate(text);
  if (mine === checking) renderProblems(report);
  return report;
}

// ---- applying -----------------------------------------------------------------------------

/** Where an edited text is served, so that a later boot (a switch of person) fetches it too. */
async function serve(text) {
  try {
    const response = await fetch('/demo/drafts', { method: 'POST', body: text });
    return response.ok ? (await response.json()).url : undefined;
  } catch {
    return undefined;
  }
}

function result(text, kind) {
  const out = $('ruleset-result');
  out.className = `result ${kind}`;
  out.replaceChildren(...[].concat(text));
}

/**
 * Loads a ruleset text into the SDK: what is on screen is hidden, the ruleset applies at
 * once (page messages are evaluated again). `name` for an example file.
 */
export async function applyText(text, name) {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    result(`Not applied: the text is not JSON (line ${parsed.line}, column ${parsed.column}).`, 'bad');
    return false;
  }
  const url = name ? exampleUrl(name) : await serve(text);
  intercom('hide');
  const answer = await debugCall('debug:loadRuleset', parsed.value);
  if (!answer) {
    result('Not applied: the SDK has no debug tools (boot it with debug_tools: true).', 'bad');
    return false;
  }
  if (!answer.ok) {
    result(`Rejected by the SDK: ${answer.detail}. The previous ruleset stays in use.`, 'bad');
    return false;
  }
  if (url) setRulesetUrl(url);
  active = { name, url: url ?? active.url, text, doc: parsed.value, appliedAt: sdkNow() };
  const count = Array.isArray(parsed.value.messages) ? parsed.value.messages.length : 0;
  const skipped = answer.invalid.map((bad) => h('li', {}, h('b', {}, bad.id), `: ${bad.detail}`));
  result([
    `Applied at ${when(active.appliedAt)}: ${count} message${count === 1 ? '' : 's'}`,
    skipped.length ? `, ${skipped.length} skipped as invalid (the SDK skips an invalid message alone):` : ` (${aboutMessages(parsed.value)}).`,
    skipped.length ? h('ul', {}, ...skipped) : '',
    url ? '' : ' The server could not keep it: a switch of person loads the served ruleset again.',
  ], answer.invalid.length ? 'warn' : 'good');
  renderState();
  emit('ruleset', active);
  emit('history');
  return true;
}

async function loadExample(name) {
  const text = await (await fetch(exampleUrl(name), { cache: 'no-store' })).text();
  editor().value = text;
  check();
  await applyText(text, name);
}

export async function startRuleset() {
  const select = $('ruleset-select');
  const names = await (await fetch('/demo/rulesets/index.json')).json().catch(() => [servedName]);
  for (const name of names) select.append(new Option(`${name}.json`, name));
  select.value = servedName;
  select.addEventListener('change', () => { if (select.value !== EDITED) loadExample(select.value); });

  const text = await (await fetch(exampleUrl(servedName), { cache: 'no-store' })).text();
  active = { ...active, text, doc: parseJson(text).value ?? active.doc };
  editor().value = text;
  renderState();
  emit('ruleset', active);
  check();

  let timer;
  editor().addEventListener('input', () => {
    renderState();
    renderGutter();
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  editor().addEventListener('scroll', () => { $('ruleset-gutter').scrollTop = editor().scrollTop; });
  editor().addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      applyText(editor().value, undefined);
    }
  });
  $('ruleset-apply').addEventListener('click', () => applyText(editor().value, editor().value === active.text ? active.name : undefined));
  $('ruleset-revert').addEventListener('click', () => {
    editor().value = active.text;
    renderState();
    check();
  });
  $('ruleset-format').addEventListener('click', () => {
    const parsed = parseJson(editor().value);
    if (!parsed.ok) return;
    editor().value = `${JSON.stringify(parsed.value, null, 2)}\n`;
    renderState();
    check();
  });
}
