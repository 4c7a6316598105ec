import type { Settings } from './api/settings';
import { personKey, userAttributes } from './api/settings';
import type { Env } from './browser/env';
import { describeSpan } from './engine/span';
import { errorText } from './errors';
import { evaluateWith } from './engine/evaluate';
import type { Series } from './engine/series';
import type { SendHistory } from './engine/frequency';
import type { Decision, EvaluationInput, PageContext, TrackedEvent, Verdict } from './engine/types';
import { createIndex, type IndexedRuleset, type Prepare } from './ruleset/parse';
import { tabList } from './storage/tab';
import type { Message, MessageType } from './ruleset/types';
import { claimSend, historyKey, readHistory } from './storage/history';
import { lazyOutbox } from './delivery/lazy';
import { backoff } from './delivery/retry';
import { createSlices } from './scheduling/slices';
import { fetchRuleset, readCachedRuleset, readFetched, type SyncResult } from './sync/ruleset';
import { APPEARANCE_KEYS, type Appearance, type LoadWidget, type TourEnd, type Widget, type WidgetHandlers } from './widget';


const PAGE_CHANGED = 'the page changed before the time on the page was reached';

/** `update` re-fetches the ruleset at most this often. */
export const SYNC_INTERVAL_MS = 60_000;
/** A ruleset request that has not answered in this long is abandoned, as a failure. */
export const FETCH_TIMEOUT_MS = 15_000;

/** The booted SDK: identity, ruleset, decisions and what is on screen. */
export interface Runtime {
  readonly booted: boolean;
  /** Starts (or, when already booted for the same person, updates) the SDK. */
  boot(settings: Settings): void;
  update(attrs: Settings): void;
  /** Ends the session; in this app's other tabs too, unless `broadcast` is false. */
  shutdown(broadcast?: boolean): void;
  track(event: TrackedEvent): void;
  hide(): void;
  onDecision(fn: (decision: Decision) => void): void;
  onReply(fn: (reply: { message_id: string; text: string }) => void): void;
  onSurveyAnswer(fn: (answer: { message_id: string; question_id: string; answer: unknown }) => void): void;
  /** Shows the tour (or survey) with this id at once, whatever its rules. */
  startTour(id: string): void;
  startSurvey(id: string): void;
  visitorId(): string | undefined;
  /** Debug tools (setting `debug_tools: true`): see src/api/intercom.ts. */
  debug: DebugTools;
}

/** What the QA page uses: only with the setting `debug_tools: true`. */
export interface DebugTools {
  readonly enabled: boolean;
  /** Moves Herald's clock by `ms` (time travel); returns the new offset. */
  travel(ms: number): number;
  /** Applies a ruleset document at once, without fetching; returns its problems. */
  loadRuleset(doc: unknown): Promise<{ ok: boolean; detail?: string; invalid: { id: string; detail: string }[] }>;
  /** This person's history of each message of the ruleset. */
  history(): Promise<{ message_id: string; count: number; last: number | null; next_allowed_at: number | null; max: number | null }[]>;
  /** Forgets this person's history of one message, or of all. */
  resetHistory(messageId?: string): Promise<void>;
}

/** A tour in progress in this tab: which, and at which step. */
interface TourState {
  id: string;
  step: number;
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

/** Series and rule traces: dist/extras.js, loaded the first time they are needed. */
export type Extras = typeof import('./extras');

export function createRuntime(realEnv: Env, loadWidget: LoadWidget, check: Prepare, loadExtras: () => Promise<Extras>): Runtime {
  let settings: Settings = {};
  /** The extras chunk, once loaded (for synchronous use: traces). */
  let extras: Extras | undefined;
  const needExtras = () => loadExtras().then((m) => (extras = m));
  // Everything reads the clock through this env, so that time travel moves it for all.
  const env: Env = { ...realEnv, now: () => realEnv.now() + offset };
  /** Tracked events wait here to be evaluated, in order, in slices that never make a long task. */
  const inbox = createSlices<TrackedEvent>(realEnv, (event) => void evaluateEvent(event), (error) => env.warn(`an event failed: ${errorText(error)}`));
  /** The rules of SPEC section 4; a schedule is checked by extras.js, loaded before (consider). */
  const evaluate = (message: Message, input: EvaluationInput) =>
    evaluateWith((schedule, at) => schedule && extras!.outsideSchedule(schedule, at), message, input);
  /** History reads in flight, shared: a burst of events reads each message's history once. */
  const reads = new Map<string, Promise<SendHistory | undefined>>();
  function historyOf(key: string) {
    let read = reads.get(key);
    if (!read) {
      read = readHistory(env.store, key).finally(() => reads.delete(key));
      reads.set(key, read);
    }
    return read;
  }
  let visitor: string | undefined;
  let booted = false;
  /** Bumped by shutdown: work begun for an earlier person is dropped when it resumes. */
  let generation = 0;
  let rules: IndexedRuleset | undefined;
  let etag: string | null = null;
  let page: PageContext = { url: '', referrer: '', startedAt: 0 };
  /** Counts pages (and single-page-app routes), so that work begun on one can tell it ended. */
  let pageSeq = 0;
  let lastSync = -Infinity;
  let syncing = false;
  /** Failed syncs in a row; each is retried after a backoff, and at once when the network returns. */
  let syncFailures = 0;
  let retryTimer: unknown;
  const listeners = new Set<(decision: Decision) => void>();
  const replyListeners = new Set<(reply: { message_id: string; text: string }) => void>();
  const answerListeners = new Set<(answer: { message_id: string; question_id: string; answer: unknown }) => void>();
  /** startTour / startSurvey calls made before the first ruleset. */
  let toStart: { id: string; type: 'tour' | 'survey' }[] = [];
  /** Time travel (debug tools): added to the clock. */
  let offset = 0;
  const onScreen = new Map<MessageType, Slot>();
  /** The widget types whose code this page has loaded. */
  const loaded = new Set<MessageType>();
  const busyQueue = new Map<MessageType, { message: Message; event?: TrackedEvent }[]>();
  const waits = new Map<string, Wait>();
  const evaluatedOnPage = new Set<string>();
  const reportedInvalid = new Set<string>();

  const visitorKey = () => `herald/${settings.app_id}/visitor`;
  /** Where this person's sends of a message are kept. */
  const sendsKey = (messageId: string) => historyKey(settings.app_id!, person(), messageId);
  const person = () => personKey(settings, visitor ?? '');
  const user = () => {
    const attributes = userAttributes(settings);
    const identified = person().startsWith('visitor:') ? 'visitor' : 'user';
    return { ...attributes, type: identified };
  };
  /** This app's other tabs: a dismissal or a shutdown in one is one in all. Open from boot to shutdown. */
  let channel: ReturnType<Env['channel']> | undefined;
  function openChannel() {
    channel = env.channel(`herald/${settings.app_id}`, (message) => {
      const m = message as { kind?: string; id?: string; person?: string };
      if (!booted || m.person !== person()) return;
      if (m.kind === 'shutdown') runtime.shutdown(false);
      if (m.kind === 'dismissed') {
        for (const [type, slot] of onScreen) {
          if (slot.id !== m.id) continue;
          slot.widget?.hide(slot.id);
          release(type, slot);
        }
      }
    });
  }

  const outbox = lazyOutbox(env, () => ({
    // A string or nothing: boot and update drop an *_url setting of another type.
    url: settings.events_url,
    sender: { app_id: String(settings.app_id), user_id: settings.user_id, email: settings.email, visitor_id: visitor },
  }), needExtras);
  const stat = (name: string, messageId: string, data?: Record<string, unknown>) =>
    outbox.add({ kind: 'stat', name, at: env.now(), message_id: messageId, ...(data ? { data } : {}) });

  const tourKey = () => `herald/${settings.app_id}/tour`;
  const readTour = (): TourState | undefined => {
    try {
      const state = JSON.parse(env.session.get(tourKey()) ?? 'null') as TourState | null;
      return state && typeof state.id === 'string' && Number.isInteger(state.step) ? state : undefined;
    } catch {
      return undefined;
    }
  };
  const saveTour = (state: TourState | undefined) => (state ? env.session.set(tourKey(), JSON.stringify(state)) : env.session.del(tourKey()));

  const appearance = (): Appearance => {
    const picked: Record<string, unknown> = {};
    for (const key of APPEARANCE_KEYS) if (settings[key] !== undefined) picked[key] = settings[key];
    return picked as Appearance;
  };

  /** Calls each listener of the host page; one that throws is warned of, and the others still run. */
  function notify<T>(fns: Set<(value: T) => void>, value: T, call: string) {
    for (const fn of fns) {
      try {
        fn(value);
      } catch (error) {
        env.warn(`an ${call} listener threw: ${errorText(error)}`);
      }
    }
  }

  function debug(event: string | undefined, decisions: Decision[]) {
    if (settings.debug === true && decisions.length) env.log(event, decisions);
  }

  /** Stamps a verdict into a decision and gives it to every listener. */
  function decide(messageId: string, event: TrackedEvent | undefined, verdict: Verdict, group?: Group, trace?: Decision['trace'] | false) {
    const travelled = offset ? ` (time travel: the clock is ${offset > 0 ? '+' : '-'}${describeSpan(Math.abs(offset))})` : '';
    const decision: Decision = { at: env.now(), message_id: messageId, event: event?.name ?? null, outcome: verdict.outcome, reason: verdict.reason, detail: verdict.detail + travelled, ...(trace ? { trace } : {}) };
    if (group) group.push(decision);
    else debug(undefined, [decision]);
    notify(listeners, decision, 'onDecision');
  }

  function apply(value: IndexedRuleset, newEtag: string | null) {
    rules = value;
    etag = newEtag;
    // Schedules and goals are checked by extras.js: fetched now, not at the first event.
    if (!extras && (value.byGoal.size || [...value.byId.values()].some((m) => m.schedule))) void needExtras().catch(() => {});
    for (const bad of value.invalid) {
      const key = `${bad.id}\n${bad.detail}`;
      if (reportedInvalid.has(key)) continue;
      reportedInvalid.add(key);
      decide(bad.id, undefined, { outcome: 'suppressed', reason: 'invalid', detail: bad.detail });
    }
    for (const event of held.take()) inbox.push(event);
    const requested = toStart;
    toStart = [];
    for (const { id, type } of requested) start(id, type);
    if (!requested.some((r) => r.type === 'tour')) resumeTour();
    evaluatePage();
    env.nextTask(restoreHeld);
  }

  /** A tour in progress in this tab, after a reload: shown again at its step. */
  function resumeTour() {
    // Only a ruleset with a tour reads the tab's sessionStorage at load.
    if (onScreen.has('tour') || ![...rules!.byId.values()].some((m) => m.type === 'tour')) return;
    const state = readTour();
    if (!state) return;
    const tour = rules?.byId.get(state.id);
    if (tour?.type === 'tour') void present(tour, undefined, { outcome: 'shown', reason: 'ok', detail: `the tour resumes at step ${state.step + 1}` }, undefined, state.step);
    else saveTour(undefined);
  }

  /** startTour / startSurvey: shows the message at once, in place of one of its type. */
  function start(id: string, type: 'tour' | 'survey') {
    if (!rules) {
      toStart.push({ id, type });
      return;
    }
    const message = rules.byId.get(id);
    const call = type === 'tour' ? 'startTour' : 'startSurvey';
    if (message?.type !== type) {
      env.warn(`${call}: no ${type} with the id ${JSON.stringify(id)} in the ruleset`);
      return;
    }
    const current = onScreen.get(type);
    if (current) {
      current.widget?.hide(current.id);
      onScreen.delete(type);
    }
    if (type === 'tour') saveTour({ id, step: 0 });
    void present(message, undefined, { outcome: 'shown', reason: 'ok', detail: `started by ${call}, whatever its rules` }, undefined, 0);
  }

  /** Events tracked before the first ruleset: kept for the tab's next page, in case it comes first. */
  const held = tabList<TrackedEvent>(env, () => `herald/${settings.app_id}/held`, (item) => {
    const e = item as Partial<TrackedEvent> | null;
    return !!e && typeof e.name === 'string' && typeof e.at === 'number' && typeof e.metadata === 'object';
  });
  /** The events an earlier page of the tab held: evaluated as of their time, or held again. Read after this page's first decisions. */
  function restoreHeld() {
    const earlier = held.earlier();
    if (rules) for (const event of earlier) inbox.push(event);
    else held.push(...earlier);
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
    env.clearTimeout(retryTimer);
    let failed = false;
    try {
      if (initial) {
        const cached = await readCachedRuleset(env.store, appId, url);
        if (gen !== generation) return;
        // The network may have answered first: never put an older ruleset back.
        if (cached && !rules) apply(cached.value, cached.etag);
      }
      // Tabs opening together fetch once: a tab that waited for the lock while another
      // fetched finds that fetch's ruleset, newer than its own start, and uses it.
      const startedAt = realEnv.now();
      const result = await env.withLock(`herald/${appId}/sync`, async (): Promise<SyncResult> => {
        const fetched = await readFetched(env.store, appId);
        let result: SyncResult | undefined;
        if (fetched && fetched.url === url && fetched.at >= startedAt) {
          if (fetched.etag === etag && rules) return { status: 'unchanged' };
          const fresh = await readCachedRuleset(env.store, appId, url);
          if (fresh) result = { status: 'updated', ...fresh };
        }
        result ??= await fetchRuleset(timedFetch, env.store, appId, url, etag, check, realEnv.now(), pause);
        // In use at once; stored after, still holding the lock, for the tabs that wait.
        if (result.status === 'updated' && gen === generation) {
          apply(result.value, result.etag);
          await result.save?.();
        }
        return result;
      });
      if (gen !== generation) return;
      failed = result.status === 'failed';
      if (result.status === 'failed' && !syncFailures) env.warn(`${result.detail}; ${rules ? 'the last good ruleset stays in use' : 'events are held until a ruleset loads'}`);
    } catch (error) {
      failed = true;
      if (!syncFailures) env.warn(`ruleset sync failed: ${errorText(error)}`);
    } finally {
      if (gen === generation) {
        syncing = false;
        // A failure is tried again (warned once): a page opened offline, or while the
        // ruleset server was down, still gets its messages once it answers.
        syncFailures = failed ? syncFailures + 1 : 0;
        if (failed) retryTimer = env.setTimeout(() => void sync(false), backoff(syncFailures - 1));
      }
    }
  }

  /** Gives the main thread back between the steps of reading a large ruleset. */
  const pause = () => new Promise<void>((resolve) => env.nextTask(resolve));

  /** The network, with a time limit: a request that hangs would hold the tabs' sync lock. */
  const timedFetch: typeof fetch = async (input, init) => {
    const abort = new AbortController();
    const timer = env.setTimeout(() => abort.abort(new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} seconds`)), FETCH_TIMEOUT_MS);
    try {
      return await env.fetch(input, { ...init, signal: abort.signal });
    } finally {
      env.clearTimeout(timer);
    }
  };

  env.onLifecycle((what) => {
    if (what === 'online' && booted && syncFailures && !syncing) void sync(false);
  });

  /** Evaluates the messages an event triggers, the goals it reaches and the series it enters. */
  async function evaluateEvent(event: TrackedEvent) {
    const group: Group = [];
    const current = rules;
    const gen = generation;
    if (!(await current?.load(event.name))) {
      if (gen !== generation) return;
      // The cached lists could not be read: this event and those after it wait for the
      // ruleset, fetched anew (the first of them starts the fetch).
      if (rules) {
        rules = undefined;
        etag = null;
        void sync(false);
      }
      return held.push(event);
    }
    const triggered = current!.triggered(event.name);
    const goals = current!.byGoal.get(event.name) ?? [];
    const series = current!.seriesByEvent.get(event.name) ?? [];
    await Promise.all([
      ...triggered.map((m) => consider(m, event, group)),
      ...goals.map((m) => checkGoal(m, event, group)),
      ...series.map((s) => enterSeries(s, event, group)),
    ]);
    debug(event.name, group);
  }

  function evaluatePage() {
    advanceRuns();
    for (const message of rules?.pageMessages ?? []) {
      if (evaluatedOnPage.has(message.id)) continue;
      evaluatedOnPage.add(message.id);
      void consider(message, undefined);
    }
  }

  const runKey = (series: Series) => `${settings.app_id}/series/${person()}/${series.id}`;

  /** An entry event: a new run, unless the person is in one already. */
  async function enterSeries(series: Series, event: TrackedEvent, group?: Group) {
    try {
      const { enterRun } = await needExtras();
      const verdict = await enterRun(env.store, runKey(series), series, event, user());
      decide(series.id, event, verdict, group);
      if (verdict.outcome === 'pending') await advanceRun(series, group);
    } catch (error) {
      env.warn(`the series ${series.id} could not be entered: ${errorText(error)}`);
    }
  }

  /** Moves a person's run on, then shows what it reached. Series messages carry no event metadata. */
  async function advanceRun(series: Series, group?: Group) {
    const { stepRun } = await needExtras();
    for (const step of await stepRun(env.store, runKey(series), series, user(), env.now())) {
      if (step.kind === 'note') decide(series.id, undefined, { outcome: step.outcome, reason: step.reason, detail: step.detail }, group);
      else {
        const message = rules?.byId.get(step.message);
        if (message) await consider(message, undefined, group);
        else env.warn(`the series ${series.id} names the message ${step.message}, which is not in the ruleset`);
      }
    }
  }

  /** Runs in progress move on: at boot, on each page, on update. */
  function advanceRuns() {
    for (const series of rules?.series ?? []) void advanceRun(series).catch((error) => env.warn(`the series ${series.id} could not go on: ${errorText(error)}`));
  }

  async function checkGoal(message: Message, event: TrackedEvent, group: Group) {
    try {
      const { claimGoal } = await needExtras();
      const key = sendsKey(message.id);
      const detail = await claimGoal(env.store, key, message.goal!.within, event);
      if (!detail) return;
      stat('goal', message.id, { event: event.name });
      decide(message.id, event, { outcome: 'goal', reason: 'ok', detail }, group);
    } catch (error) {
      env.warn(`the goal of ${message.id} could not be checked: ${errorText(error)}`);
    }
  }

  /** Holds a message back until it has been long enough on this page; a newer trigger replaces the wait. */
  function waitOnPage(message: Message, event: TrackedEvent | undefined, retryAt: number) {
    const previous = waits.get(message.id);
    if (previous) env.clearTimeout(previous.timer);
    const onPage = pageSeq;
    const timer = env.setTimeout(() => {
      waits.delete(message.id);
      void consider(message, event, undefined, onPage);
    }, Math.max(0, retryAt - env.now()));
    waits.set(message.id, { message, event, timer });
  }

  /** A new page (or single-page-app route): waits end, time on page restarts, page messages run again. */
  function newPage(url: string) {
    for (const wait of waits.values()) {
      env.clearTimeout(wait.timer);
      decide(wait.message.id, wait.event, { outcome: 'suppressed', reason: 'where', detail: PAGE_CHANGED });
    }
    waits.clear();
    pageSeq += 1;
    page = { url, referrer: page.url, startedAt: env.now() };
    // A tour on screen follows the navigation: its widget shows the step meant for this page.
    const tour = onScreen.get('tour');
    const state = tour && readTour();
    const message = tour && state && rules?.byId.get(state.id);
    if (tour?.widget && message) tour.widget.show(view(message, undefined, state.step), handlersFor(message, undefined, tour));
    evaluatedOnPage.clear();
    evaluatePage();
  }

  /**
   * Evaluates one message and shows it when every rule holds. The screen slot of its
   * type is taken before the first await that follows the verdict, so two triggers in
   * one tab cannot both show; the send is claimed atomically, so two tabs cannot either.
   * Resolves to whether the message was shown.
   */
  async function consider(message: Message, event: TrackedEvent | undefined, group?: Group, onPage?: number): Promise<boolean> {
    const gen = generation;
    const key = sendsKey(message.id);
    let slot: Slot | undefined;
    try {
      // Every rule but the frequency limit is decided without storage, and most events end
      // there; the send history (IndexedDB) is read only for a message that would show.
      if (message.schedule && !extras) {
        await needExtras();
        if (gen !== generation) return false;
      }
      let input: EvaluationInput = { event, page, user: user(), now: env.now() };
      const first = evaluate(message, input).outcome;
      // The history is read before the widget's code is fetched, so that a message over its
      // limit fetches none. Once the widget is loaded (and its slot free), the claim, which
      // checks the limit itself, is the only IndexedDB round trip before the screen.
      if (first === 'pending' || (first === 'shown' && (onScreen.has(message.type) || !loaded.has(message.type)))) {
        const history = await historyOf(key);
        if (gen !== generation) return false;
        // A wait for time on the page whose page ended while its history was being read.
        if (onPage !== undefined && onPage !== pageSeq) {
          decide(message.id, event, { outcome: 'suppressed', reason: 'where', detail: PAGE_CHANGED }, group);
          return false;
        }
        // Judged again with the history, as of now: the page, the person or the clock may
        // have changed during the read.
        input = { event, page, user: user(), history, now: env.now() };
      }
      const { retryAt, ...verdict } = evaluate(message, input);
      if (retryAt !== undefined) waitOnPage(message, event, retryAt);
      if (verdict.outcome !== 'shown') {
        decide(message.id, event, verdict, group, settings.debug_tools === true && extras?.explainMessage(message, input));
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
      loaded.add(message.type);
      if (!stillOurs()) return false;
      const claim = await claimSend(env.store, key, message.frequency, env.now());
      if (!stillOurs()) return false;
      if (!claim.ok) {
        release(message.type, mine);
        decide(message.id, event, { outcome: 'suppressed', reason: claim.reason, detail: claim.detail }, group);
        return false;
      }
      if (message.type === 'tour') saveTour({ id: message.id, step: 0 });
      mount(widget, mine, message, event, verdict, group);
      return true;
    } catch (error) {
      if (slot) release(message.type, slot);
      env.warn(`the ${message.type} ${message.id} could not be shown: ${errorText(error)}`);
      return false;
    }
  }

  const view = (message: Message, event: TrackedEvent | undefined, step?: number) => ({
    message, event: event?.metadata ?? {}, user: user(), appearance: appearance(), ...(step === undefined ? {} : { step }),
  });

  /** What the widget of one showing reports back: stats, listeners, tour progress. */
  function handlersFor(message: Message, event: TrackedEvent | undefined, slot: Slot): WidgetHandlers {
    const id = message.id;
    return {
      dismissed: () => {
        stat('dismissed', id);
        channel?.post({ kind: 'dismissed', id, person: person() });
        release(message.type, slot);
      },
      clicked: (action = 0) => stat('clicked', id, { action }),
      replied: (text) => {
        stat('replied', id, { text });
        notify(replyListeners, { message_id: id, text }, 'onReply');
      },
      progressed: (step) => saveTour({ id, step }),
      answered: (questionId, answer) => {
        stat('answered', id, { question_id: questionId, answer });
        notify(answerListeners, { message_id: id, question_id: questionId, answer }, 'onSurveyAnswer');
      },
      ended: (end: TourEnd) => {
        saveTour(undefined);
        if (end.how === 'missing') {
          decide(id, event, { outcome: 'suppressed', reason: 'where', detail: end.detail });
        }
        stat(end.how === 'done' ? 'completed' : 'dismissed', id, end.how === 'done' ? undefined : { step: end.step });
        release(message.type, slot);
      },
    };
  }

  function mount(widget: Widget, slot: Slot, message: Message, event: TrackedEvent | undefined, verdict: Verdict, group?: Group, step?: number) {
    slot.widget = widget;
    widget.show(view(message, event, step), handlersFor(message, event, slot));
    stat('shown', message.id);
    decide(message.id, event, verdict, group);
  }

  /** Shows a message without evaluating it (startTour, a resumed tour). */
  async function present(message: Message, event: TrackedEvent | undefined, verdict: Verdict, group: Group | undefined, step: number) {
    const slot: Slot = { id: message.id };
    onScreen.set(message.type, slot);
    try {
      const widget = await loadWidget(message.type);
      if (onScreen.get(message.type) === slot) mount(widget, slot, message, event, verdict, group, step);
    } catch (error) {
      release(message.type, slot);
      env.warn(`the ${message.type} ${message.id} could not be shown: ${errorText(error)}`);
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
    saveTour(undefined);
  }

  env.onNavigate((url) => {
    if (booted) newPage(url);
  });

  const runtime: Runtime = {
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
      if (settings.debug_tools === true) void needExtras().catch(() => env.warn('the debug extras could not be loaded'));
      openChannel();
      outbox.flush();
      void sync(true);
    },
    update(attrs) {
      const { app_id: _ignored, ...rest } = attrs;
      settings = { ...settings, ...rest };
      if (!syncing && env.now() - lastSync >= SYNC_INTERVAL_MS) void sync(false);
      evaluatedOnPage.clear();
      evaluatePage();
    },
    shutdown(broadcast = true) {
      if (broadcast) channel?.post({ kind: 'shutdown', person: person() });
      channel?.close();
      channel = undefined;
      hide();
      for (const wait of waits.values()) env.clearTimeout(wait.timer);
      waits.clear();
      if (settings.app_id) {
        env.local.del(visitorKey());
        saveTour(undefined);
      }
      toStart = [];
      inbox.clear();
      held.clear();
      generation += 1;
      booted = false;
      syncing = false;
      syncFailures = 0;
      env.clearTimeout(retryTimer);
      settings = {};
      visitor = undefined;
      rules = undefined;
      etag = null;
      lastSync = -Infinity;
      evaluatedOnPage.clear();
      reportedInvalid.clear();
    },
    track(tracked) {
      // The call's time, by Herald's clock: with time travel, moved like everything else.
      const event = offset ? { ...tracked, at: tracked.at + offset } : tracked;
      try {
        outbox.add({ kind: 'event', name: event.name, at: event.at, metadata: event.metadata });
      } catch (error) {
        env.warn(`the event could not be kept for events_url: ${errorText(error)}`);
      }
      if (rules) inbox.push(event);
      else {
        held.push(event);
      }
    },
    hide,
    onDecision: (fn) => void listeners.add(fn),
    onReply: (fn) => void replyListeners.add(fn),
    onSurveyAnswer: (fn) => void answerListeners.add(fn),
    startTour: (id) => start(id, 'tour'),
    startSurvey: (id) => start(id, 'survey'),
    debug: {
      get enabled() {
        return settings.debug_tools === true;
      },
      // The dispatcher lets these through only when `enabled` (debugTool in api/intercom.ts).
      travel(ms) {
        offset += ms;
        advanceRuns();
        // Waits for time on the page fall due by the new clock.
        for (const [id, wait] of waits) {
          env.clearTimeout(wait.timer);
          waits.delete(id);
          void consider(wait.message, wait.event, undefined, pageSeq);
        }
        return offset;
      },
      // The rest is in extras.js, which debug_tools: true loads at boot.
      loadRuleset: async (doc) => (await needExtras()).loadRuleset(doc, check, ({ head, events }) => {
        reportedInvalid.clear();
        evaluatedOnPage.clear();
        apply(createIndex(head, events), null);
      }),
      history: async () => (await needExtras()).historyOf(env.store, sendsKey, (await rules?.all()) ?? [], env.now()),
      resetHistory: async (messageId) => (await needExtras()).resetHistory(env.store, sendsKey, messageId ? [messageId] : ((await rules?.all()) ?? []).map((m) => m.id)),
    },
    visitorId: () => visitor,
  };
  return runtime;
}
