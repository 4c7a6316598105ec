/**
 * dist/messenger.js: the SDK as a classic script, loaded by Herald's snippet or by any of
 * Intercom's loaders in place of Intercom's widget. Widget chunks are ES modules beside
 * it, found from this script's own URL and imported the first time they are needed.
 */
import { install } from './api/install';
import { browserEnv } from './browser/env';
import type { Prepared } from './ruleset/parse';
import type { Extras } from './runtime';
import type { Widget } from './widget';

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('./', script?.src || location.href).href;

let validator: Promise<{ prepareRuleset(doc: unknown): Prepared }> | undefined;
let extras: Promise<Extras> | undefined;

const loadExtras = () => (extras ??= import(`${base}extras.js`));

try {
  install(
    window,
    () => browserEnv(loadExtras),
    (type) => import(`${base}widgets/${type}.js`) as Promise<Widget>,
    async (doc) => (await (validator ??= import(`${base}validate.js`))).prepareRuleset(doc),
    loadExtras,
  );
} catch (error) {
  console.warn('[herald] could not start:', error);
}
