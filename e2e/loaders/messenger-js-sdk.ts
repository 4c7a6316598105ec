// A page that installs Herald through Intercom's npm package, with `widgetUrl`.
import { Intercom, getVisitorId, trackEvent } from '@intercom/messenger-js-sdk';

const config = (window as any).loaderConfig as { ruleset_url: string; widgetUrl: string };
Intercom({ app_id: 'npm-sdk', ruleset_url: config.ruleset_url, widgetUrl: config.widgetUrl });
(window as any).heraldDecisions = [];
(window as any).Intercom('onDecision', (d: unknown) => (window as any).heraldDecisions.push(d));
// Before the widget has loaded: queued by the package as plain `arguments`.
trackEvent('uploaded-file', { file_name: 'from-npm.png' });
(window as any).viaPackage = { getVisitorId, trackEvent };
