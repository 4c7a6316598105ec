import { banner, decisionFor, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';

// Private modes and tracking prevention: IndexedDB missing, refusing to open, or failing later.
const FAULTS = {
  'IndexedDB is missing': "Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });",
  'IndexedDB throws on open': "IDBFactory.prototype.open = function () { throw new DOMException('denied', 'SecurityError'); };",
  'opening IndexedDB fails': `IDBFactory.prototype.open = function () {
    var request = {};
    setTimeout(function () { request.error = new DOMException('broken', 'UnknownError'); request.onerror && request.onerror(); }, 0);
    return request;
  };`,
};

for (const [fault, script] of Object.entries(FAULTS)) {
  test(`${fault}: Herald keeps working in memory, with one warning`, async ({ page, site }) => {
    const { errors, warnings } = watch(page);
    const rules = site.ruleset('mem', rulesetOf(banner('in-memory', { frequency: { every: '1h' } })));
    await page.goto(site.page('/app', { before: script, settings: { app_id: 'mem', sdk_url: '/sdk/messenger.js', ruleset_url: rules } }));
    await sdkReady(page);
    await track(page, 'uploaded-file');
    await expect(message(page, 'in-memory')).toBeVisible();
    await message(page, 'in-memory').locator('[data-action="dismiss"]').click();
    // The limit still holds for the life of the page.
    await track(page, 'uploaded-file');
    expect(await decisionFor(page, 'in-memory', { outcome: 'suppressed' })).toMatchObject({ reason: 'frequency' });
    expect(warnings.filter((w) => /IndexedDB/.test(w))).toHaveLength(1);
    expect(errors).toEqual([]);
  });
}
