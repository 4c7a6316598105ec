/** @jsxImportSource react */
// A React app that installs Herald through react-use-intercom, in place of Intercom's widget.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { IntercomProvider, useIntercom } from 'react-use-intercom';

const config = (window as any).loaderConfig as { ruleset_url: string };

function App() {
  const { boot, trackEvent, getVisitorId } = useIntercom();
  useEffect(() => {
    boot({ name: 'Ada', customAttributes: { ruleset_url: config.ruleset_url, plan: 'pro' } });
    (window as any).heraldDecisions = [];
    (window as any).Intercom('onDecision', (d: unknown) => (window as any).heraldDecisions.push(d));
    trackEvent('uploaded-file', { file_name: 'from-react.png' });
    (window as any).viaHook = { getVisitorId, trackEvent };
  }, []);
  return <h1>React app</h1>;
}

createRoot(document.getElementById('root')!).render(
  <IntercomProvider appId="react-app">
    <App />
  </IntercomProvider>,
);
