/* Herald install snippet. ES5 only: it runs inline on any page, including inside
 * Google Tag Manager Custom HTML tags, which reject newer syntax. Kept under 600 bytes. */
(function (w, d) {
  var settings = w.intercomSettings || {};
  var api = w.Intercom;
  // Loaded already (or loading): Intercom's snippet does the same on a second run.
  if (typeof api == 'function') {
    api('update', settings);
    return;
  }
  // The queue keeps each call with the time it was made: [time, arguments].
  api = w.Intercom = function () {
    api.q.push([Date.now(), arguments]);
  };
  api.q = [];
  if (!settings.sdk_url) return console.warn('[herald] no sdk_url');
  var script = d.createElement('script');
  var current = d.currentScript;
  var url = settings.sdk_url;
  var tt = w.trustedTypes;
  script.async = true;
  // Pages that enforce Trusted Types accept a script URL only from a policy: "herald".
  try {
    if (tt) url = tt.createPolicy('herald', { createScriptURL: function (u) { return u; } }).createScriptURL(url);
    script.src = url;
  } catch (e) {
    return console.warn('[herald] allow the Trusted Types policy herald');
  }
  // Under a nonce-based Content-Security-Policy the SDK needs the snippet's nonce.
  if (current && current.nonce) script.nonce = current.nonce;
  (d.head || d.documentElement).appendChild(script);
})(window, document);
