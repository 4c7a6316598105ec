// A site that bundles Herald from the npm package (its ESM build), as a bundler would.
// Types come from the source (tsconfig paths); the bundle takes dist/esm (loaders.spec.ts).
import { Intercom, type Decision } from 'herald-messenger';

const config = (window as any).loaderConfig as { ruleset_url: string };
const decisions: Decision[] = [];
(window as any).heraldDecisions = decisions;
Intercom('onDecision', (d: Decision) => decisions.push(d));
Intercom('boot', { app_id: 'esm', ruleset_url: config.ruleset_url, name: 'Grace' });
Intercom('trackEvent', 'uploaded-file', { file_name: 'esm.png' });
