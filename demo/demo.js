// The demo's own code: what a site does with Herald (track events, listen to decisions).
const EVENTS = {
  slow: { file_name: 'a.png', file_url: 'https://example.com/files/a.png', duration_s: 180, left_page: true },
  quick: { file_name: 'b.png', file_url: 'https://example.com/files/b.png', duration_s: 20, left_page: true },
  stayed: { file_name: 'c.png', file_url: 'https://example.com/files/c.png', duration_s: 180, left_page: false },
};

const list = document.getElementById('decisions');
const time = (ms) => new Date(ms).toLocaleTimeString();

function show(decision) {
  const item = document.createElement('li');
  item.className = `decision ${decision.outcome}`;
  item.dataset.decisionFor = decision.message_id; // not data-message-id: that hook names shown messages
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

document.getElementById('new-visitor').addEventListener('click', () => {
  Intercom('shutdown');
  Intercom('boot', window.intercomSettings);
  list.replaceChildren();
});
