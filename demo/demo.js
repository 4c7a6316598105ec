// The demo's own code: what a site does with Herald (track events, listen to decisions),
// plus a picker of the example rulesets and a small event console.
const EVENTS = {
  slow: { file_name: 'a.png', file_url: 'https://example.com/files/a.png', duration_s: 180, left_page: true },
  quick: { file_name: 'b.png', file_url: 'https://example.com/files/b.png', duration_s: 20, left_page: true },
  stayed: { file_name: 'c.png', file_url: 'https://example.com/files/c.png', duration_s: 180, left_page: false },
};

const $ = (id) => document.getElementById(id);
const list = $('decisions');
const time = (ms) => new Date(ms).toLocaleTimeString();
const current = new URL($('ruleset-link').href).pathname.split('/').pop().replace('.json', '');

function show(decision) {
  const item = document.createElement('li');
  item.className = `decision ${decision.outcome}`;
  // Not data-message-id: that hook names the messages Herald shows.
  item.dataset.decisionFor = decision.message_id;
  item.dataset.outcome = decision.outcome;
  item.dataset.reason = decision.reason;
  const head = document.createElement('div');
  head.className = 'head';
  head.textContent = `${time(decision.at)} · ${decision.event ?? 'page'} → ${decision.message_id}`;
  const verdict = document.createElement('div');
  verdict.className = 'verdict';
  verdict.textContent = `${decision.outcome} (${decision.reason})`;
  const detail = document.createElement('div');
  detail.className = 'detail';
  detail.textContent = decision.detail;
  item.append(head, verdict, detail);
  list.prepend(item);
}

Intercom('onDecision', show);

for (const button of document.querySelectorAll('[data-track]')) {
  button.addEventListener('click', () => Intercom('trackEvent', 'uploaded-file', EVENTS[button.dataset.track]));
}

$('fire').addEventListener('submit', (e) => {
  e.preventDefault();
  const error = $('fire-error');
  let metadata;
  try {
    metadata = $('event-metadata').value.trim() ? JSON.parse($('event-metadata').value) : undefined;
  } catch (err) {
    error.textContent = `Metadata is not JSON: ${err.message}`;
    return;
  }
  error.textContent = '';
  Intercom('trackEvent', $('event-name').value, metadata);
});

$('new-visitor').addEventListener('click', () => {
  const { user_id, email, ...visitor } = window.intercomSettings;
  Intercom('shutdown');
  Intercom('boot', visitor);
  list.replaceChildren();
});

// The ruleset picker, and what the chosen ruleset is about.
fetch('/demo/rulesets/index.json').then((r) => r.json()).then((names) => {
  const select = $('ruleset');
  for (const name of names) select.append(new Option(`${name}.json`, name, false, name === current));
  select.addEventListener('change', () => { location.search = `?ruleset=${select.value}`; });
});
fetch(`/demo/rulesets/${current}.json`).then((r) => r.json()).then((ruleset) => {
  const messages = ruleset.messages ?? [];
  $('ruleset-about').textContent = messages.map((m) => `${m.id}: a ${m.type}${m.when ? ` on ${m.when.event}` : ' for the page'}`).join(' · ');
  const events = $('event-names');
  for (const m of messages) if (m.when) events.append(new Option(m.when.event));
  const tour = messages.find((m) => m.type === 'tour');
  if (tour) {
    $('start-tour').hidden = false;
    $('start-tour').addEventListener('click', () => Intercom('startTour', tour.id));
  }
});
