import type { Settings } from './api/settings';
import { personKey, userAttributes } from './api/settings';
import type { Env } from './browser/env';
import { describeSpan } from './engine/duration';
import { evaluateMessage } from './engine/evaluate';
import type { Decision, PageContext, TrackedEvent, Verdict } from './engine/types';
import type { IndexedRuleset } from './ruleset/parse';
import type { Message, MessageType } from './ruleset/types';
import { claimGoal, claimSend, historyKey, readHistory } from './storage/history';
import { fetchRuleset, readCachedRuleset } from './sync/ruleset';
import type { Appearance, LoadWidget, Widget } from './widget';

/** `update` re-fetches the ruleset at most this often. */
export const SYNC_INTERVAL_MS = 60_000;

/** The booted SDK: identity, ruleset, decisions and what is on screen. */
export interface Runtime {
  readonly booted: boolean;
  /** Starts (or, when already booted for the same person, updates) the SDK. */
  boot(settings: Settings): void;
  update(attrs: Settings): void;
  shutdown(): void;
  track(event: TrackedEvent): void;
  hide(): void;
  onDecision(fn: (decision: Decision) => void): void;
  visitorId(): string | undefined;
}

interface Slot {
  id: string;
  widget?: Widget;
}

/** A message held back only by time on the page, until `retryAt`. */
interface Wait {
  message: Message;
  event?: TrackedEvent;
  timer: unknown;
}

/** Decisions made for one event, written to the console together in debug mode. */
type Group = Decision[];

const APPEARANCE_KEYS = ['action_color', 'background_color', 'z_index', 'alignment', 'horizontal_padding', 'vertical_padding'] as const;

export function createRuntime(env: Env, loadWidget: LoadWidget): Runtime {
  let settings: Settings = {};
  let visitor: string | undefined;
  let booted = false;
  /** Bumped by shutdown: work begun for an earlier person is dropped when it resumes. */
  let generation = 0;
  let rules: IndexedRuleset | undefined;
  let etag: string | null = null;
  let held: TrackedEvent[] = [];
  let page: PageContext = { url: '', referrer: '', startedAt: 0 };
  let lastSync = -Infinity;
  let syncing = false;
  const listeners = new Set<(decision: Decision) => void>();
  const onScreen = new Map<MessageType, Slot>();
  const busyQueue = new Map<MessageType, { message: Message; event?: TrackedEvent }[]>();
  const waits = new Map<string, Wait>();
  const evaluatedOnPage = new Set<string>();
  const reportedInvalid = new Set<string>();

  const visitorKey = () => `herald/${settings.app_id}/visitor`;
  const person = () => personKey(settings, visitor ?? '');
  const user = () => {
    const attributes = userAttributes(settings);
    const identified = person().startsWith('visitor:') ? 'visitor' : 'user';
    return { ...attributes, type: identified };
  };
  const appearance = (): Appearance => {
    const picked: Record<string, unknown> = {};
    for (const key of APPEARANCE_KEYS) if (settings[key] !== undefined) picked[key] = settings[key];
    return picked as Appearance;
  };

  function debug(title: string, decisions: Decision[]) {
    if (settings.debug === true && decisions.length) env.log(title, decisions);
  }

  /** Stamps a verdict into a decision and gives it to every listener. */
  function decide(messageId: string, event: TrackedEvent | undefined, verdict: Verdict, group?: Group) {
    const decision: Decision = { at: env.now(), message_id: messageId, event: event?.name ?? null, outcome: verdict.outcome, reason: verdict.reason, detail: verdict.detail };
    if (group) group.push(decision);
    else debug(`${decision.outcome} ${messageId} (${decision.reason}): ${decision.detail}`, [decision]);
    for (const fn of listeners) {
      try {
        fn(decision);
      } catch (error) {
        env.warn(`an onDecision listener threw: ${String(error)}`);
      }
    }
  }

  function apply(value: IndexedRuleset, newEtag: string | null) {
    rules = value;
    etag = newEtag;
    for (const bad of value.invalid) {
      const key = `${bad.id}\n${bad.detail}`;
      if (reportedInvalid.has(key)) continue;
      reportedInvalid.add(key);
      decide(bad.id, undefined, { outcome: 'suppressed', reason: 'invalid', detail: bad.detail });
    }
    const events = held;
    held = [];
    for (const event of events) void evaluateEvent(event);
    evaluatePage();
  }

  async function sync(initial: boolean) {
    const url = settings.ruleset_url;
    const appId = settings.app_id!;
    if (typeof url !== 'string' || !url) {
      if (initial) env.warn('no ruleset_url is set: no message can show');
      return;
    }
    const gen = generation;
    syncing = true;
    lastSync = env.now();
    try {
      if (initial) {
        const cached = await readCachedRuleset(env.store, appId, url);
        if (gen !== generation) return;
        // The network may have answered first: never put an older ruleset back.
        if (cached && !rules) apply(cached.value, cached.entry.etag);
      }
      const result = await fetchRuleset(env.fetch, env.store, appId, url, etag);
      if (gen !== generation) return;
      if (result.status === 'updated') apply(result.value, result.entry.etag);
      else if (result.status === 'failed') env.warn(`${result.detail}; ${rules ? 'the last good ruleset stays in use' : 'events are held until a ruleset loads'}`);
    } catch (error) {
      env.warn(`ruleset sync failed: ${String(error)}`);
    } finally {
      if (gen === generation) syncing = false;
    }
  }

  /** Evaluates the messages an event triggers, and the goals it reaches. */
  async function evaluateEvent(event: TrackedEvent) {
    const group: Group = [];
    const triggered = rules?.byEvent.get(event.name) ?? [];
    const goals = rules?.byGoal.get(event.name) ?? [];
    await Promise.all([...triggered.map((m) => consider(m, event, group)), ...goals.map((m) => checkGoal(m, event, group))]);
    debug(`${event.name}: ${group.length} decision${group.length === 1 ? '' : 's'}`, group);
  }

  function evaluatePage() {
    for (const message of rules?.pageMessages ?? []) {
      if (evaluatedOnPage.has(message.id)) continue;
      evaluatedOnPage.add(message.id);
      void consider(message, undefined);
    }
  }

  async function checkGoal(message: Message, event: TrackedEvent, group: Group) {
    try {
      const key = historyKey(settings.app_id!, person(), message.id);
      const showing = await claimGoal(env.store, key, message.goal!.within, event.at);
      if (showing) decide(message.id, event, { outcome: 'goal', reason: 'ok', detail: `${event.name} came ${describeSpan(event.at - showing.last)} after the message was shown` }, group);
    } catch (error) {
      env.warn(`the goal of ${message.id} could not be checked: ${String(error)}`);
    }
  }

  /** Holds a message back until it has been long enough on this page; a newer trigger replaces the wait. */
  function waitOnPage(message: Message, event: TrackedEvent | undefined, retryAt: number) {
    const previous = waits.get(message.id);
    if (previous) env.clearTimeout(previous.timer);
    const timer = env.setTimeout(() => {
      waits.delete(message.id);
      void consider(message, event);
    }, Math.max(0, retryAt - env.now()));
    waits.set(message.id, { message, event, timer });
  }

  /** A new page (or single-page-app route): waits end, time on page restarts, page messages run again. */
  function newPage(url: string) {
    for (const wait of waits.values()) {
      env.clearTimeout(wait.timer);
      decide(wait.message.id, wait.event, { outcome: 'suppressed', reason: 'where', detail: 'the page changed before the time on the page was reached' });
    }
    waits.clear();
    page = { url, referrer: page.url, startedAt: env.now() };
    evaluatedOnPage.clear();
    evaluatePage();
  }

  /**
   * Evaluates one message and shows it when every rule holds. The screen slot of its
   * type is taken before the first await that follows the verdict, so two triggers in
   * one tab cannot both show; the send is claimed atomically, so two tabs cannot either.
   * Resolves to whether the message was shown.
   */
  async function consider(message: Message, event: TrackedEvent | undefined, group?: Group): Promise<boolean> {
    const gen = generation;
    const key = historyKey(settings.app_id!, person(), message.id);
    let slot: Slot | undefined;
    try {
      const history = await readHistory(env.store, key);
      if (gen !== generation) return false;
      const { retryAt, ...verdict } = evaluateMessage(message, { event, page, user: user(), history, now: env.now() });
      if (retryAt !== undefined) waitOnPage(message, event, retryAt);
      if (verdict.outcome !== 'shown') {
        decide(message.id, event, verdict, group);
        return false;
      }
      const current = onScreen.get(message.type);
      if (current) {
        const queue = busyQueue.get(message.type) ?? [];
        if (!queue.some((w) => w.message.id === message.id)) queue.push({ message, event });
        busyQueue.set(message.type, queue);
        decide(message.id, event, { outcome: 'pending', reason: 'busy', detail: `the ${message.type} ${current.id} is on screen; this one shows after it, if its rules still hold` }, group);
        return false;
      }
      const mine: Slot = (slot = { id: message.id });
      onScreen.set(message.type, mine);
      const stillOurs = () => gen === generation && onScreen.get(message.type) === mine;
      const widget = await loadWidget(message.type);
      if (!stillOurs()) return false;
      const claim = await claimSend(env.store, key, message.frequency, env.now());
      if (!stillOurs()) return false;
      if (!claim.ok) {
        release(message.type, mine);
        decide(message.id, event, { outcome: 'suppressed', reason: claim.reason, detail: claim.detail }, group);
        return false;
      }
      mine.widget = widget;
      widget.show(
        { message, event: event?.metadata ?? {}, user: user(), appearance: appearance() },
        { dismissed: () => release(message.type, mine), clicked: () => {} },
      );
      decide(message.id, event, verdict, group);
      return true;
    } catch (error) {
      if (slot) release(message.type, slot);
      env.warn(`the ${message.type} ${message.id} could not be shown: ${String(error)}`);
      return false;
    }
  }

  /** Frees the screen slot and shows the next waiting message of that type. */
  function release(type: MessageType, slot: Slot) {
    if (onScreen.get(type) !== slot) return;
    onScreen.delete(type);
    void drain(type);
  }

  async function drain(type: MessageType) {
    const queue = busyQueue.get(type);
    while (queue?.length && !onScreen.has(type)) {
      const next = queue.shift()!;
      if (await consider(next.message, next.event)) return;
    }
  }

  function hide() {
    for (const slot of onScreen.values()) slot.widget?.hide(slot.id);
    onScreen.clear();
    busyQueue.clear();
  }

  env.onNavigate((url) => {
    if (booted) newPage(url);
  });

  return {
    get booted() {
      return booted;
    },
    boot(next) {
      if (booted) {
        const samePerson = next.app_id === settings.app_id && (next.user_id === undefined || next.user_id === settings.user_id);
        if (samePerson) return this.update(next);
        this.shutdown();
      }
      settings = { ...next };
      visitor = env.local.get(visitorKey()) ?? undefined;
      if (!visitor) {
        visitor = env.randomId();
        env.local.set(visitorKey(), visitor);
      }
      page = { ...env.page(), startedAt: env.now() };
      booted = true;
      void sync(true);
    },
    update(attrs) {
      const { app_id: _ignored, ...rest } = attrs;
      settings = { ...settings, ...rest };
      if (!syncing && env.now() - lastSync >= SYNC_INTERVAL_MS) void sync(false);
      evaluatedOnPage.clear();
      evaluatePage();
    },
    shutdown() {
      hide();
      for (const wait of waits.values()) env.clearTimeout(wait.timer);
      waits.clear();
      if (settings.app_id) env.local.del(visitorKey());
      generation += 1;
      booted = false;
      syncing = false;
      settings = {};
      visitor = undefined;
      rules = undefined;
      etag = null;
      held = [];
      lastSync = -Infinity;
      evaluatedOnPage.clear();
      reportedInvalid.clear();
    },
    track(event) {
      if (rules) void evaluateEvent(event);
      else held.push(event);
    },
    hide,
    onDecision: (fn) => void listeners.add(fn),
    visitorId: () => visitor,
  };
}
