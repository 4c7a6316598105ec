import { banner, decisionFor, decisions, expect, message, RECORD_DECISIONS, rulesetOf, sdkReady, snippet, test } from './fixtures';

// A page that behaves like Google Tag Manager: dataLayer pushes before Herald, a Custom
// HTML tag injected after the load event, GTM wrapping dataLayer.push, later pushes.
test('datalayer_events: chosen dataLayer entries, before and after load, become events; others are left alone', async ({ page, site }) => {
  const rules = site.ruleset('gtm', rulesetOf(
    banner('early', { content: { body: '<p>{{event.file_name}} via {{event.source | fallback: "?"}}</p>' } }),
    banner('bought', { when: { event: 'purchased', metadata: [{ key: 'price', op: 'gte', value: 9 }] } }),
  ));
  const settings = { app_id: 'gtm', sdk_url: '/sdk/messenger.js', ruleset_url: rules, datalayer_events: ['uploaded-file', 'purchased'] };
  const tag = `window.intercomSettings = ${JSON.stringify(settings)};${snippet()}${RECORD_DECISIONS}`;
  site.routes.set('/gtm', {
    body: `<!doctype html><html><head><title>gtm</title><script>
      window.dataLayer = [{ event: 'gtm.js', 'gtm.start': 1 }, { event: 'uploaded-file', file_name: 'early.png', source: 'dataLayer', 'gtm.uniqueEventId': 3 }, { event: 'page_view', page: '/gtm' }];
      window.seen = [];
      window.addEventListener('load', function () {
        setTimeout(function () {
          var el = document.createElement('script');
          el.text = ${JSON.stringify(tag)};
          document.body.appendChild(el);
          // GTM wraps push after the tag ran: every wrapper must still see each push.
          var inner = window.dataLayer.push;
          window.dataLayer.push = function () { window.seen.push(arguments[0].event); return inner.apply(this, arguments); };
        }, 20);
      });
    </script></head><body><p>page</p></body></html>`,
  });
  await page.goto(site.url('/gtm'));
  await sdkReady(page);
  expect(await decisionFor(page, 'early')).toMatchObject({ outcome: 'shown', event: 'uploaded-file' });
  await expect(message(page, 'early').locator('p')).toHaveText('early.png via dataLayer');

  const length = await page.evaluate(() => (window as any).dataLayer.push({ event: 'purchased', price: 19, plan: 'pro', items: [1, 2] }));
  expect(length).toBe(4); // push still returns the new length
  expect(await decisionFor(page, 'bought')).toMatchObject({ outcome: 'pending', reason: 'busy', event: 'purchased' });
  await page.evaluate(() => (window as any).dataLayer.push({ event: 'page_view', page: '/next' }, { event: 'purchased', price: 2 }));
  await expect.poll(async () => (await decisions(page)).filter((d) => d.message_id === 'bought').map((d) => d.reason)).toEqual(['busy', 'metadata']);
  expect(await page.evaluate(() => (window as any).seen)).toEqual(['purchased', 'page_view']);
  // Entries with other names never reach Herald.
  expect((await decisions(page)).every((d) => d.event === 'uploaded-file' || d.event === 'purchased')).toBe(true);
});
