// The QA page: a small fake app (Filebox) that installs Herald as the README says, and a
// panel docked beside it that shows every decision and drives the SDK's debug tools.
import { render, startRouter } from './app/router.js';
import { pricingView } from './app/pricing.js';
import { notFoundView, settingsView } from './app/settings.js';
import { uploadsView } from './app/uploads.js';
import { on } from './lib/bus.js';
import { $ } from './lib/dom.js';
import { startClock } from './panel/clock.js';
import { startConsole } from './panel/console.js';
import { startPeople } from './panel/people.js';
import { startRoom } from './panel/room.js';
import { startRuleset } from './panel/ruleset.js';
import { startStorage } from './panel/storage.js';
import { startTabs } from './panel/tabs.js';
import { startTimeline } from './panel/timeline.js';

// First, so that no decision is missed (the call is queued until the SDK has loaded).
startTimeline();
startTabs();
startClock();
startPeople();
startConsole();
startStorage();
startRoom();
startRuleset();
startRouter({ '/': uploadsView, '/uploads': uploadsView, '/pricing': pricingView, '/settings': settingsView }, notFoundView);
// The settings page shows the person: a switch (not its own update) redraws it.
on('person', ({ switched }) => { if (switched && location.pathname === '/settings') render(); });

$('qa-collapse').addEventListener('click', () => {
  const open = $('qa-collapse').getAttribute('aria-expanded') !== 'true';
  $('qa-collapse').setAttribute('aria-expanded', String(open));
  $('qa-collapse').textContent = open ? '⟨' : '⟩';
  $('qa-collapse').title = open ? 'Hide the panel' : 'Show the panel';
  $('qa').classList.toggle('collapsed', !open);
});
