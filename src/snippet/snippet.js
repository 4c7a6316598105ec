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
  if (!settings.sdk_url) return console.warn('[herald] set intercomSettings.sdk_url before the snippet');
  var script = d.createElement('script');
  var current = d.currentScript;
  script.async = true;
  script.src = settings.sdk_url;
  // Under a nonce-based Content-Security-Policy the SDK needs the snippet's nonce.
  if (current && current.nonce) script.nonce = current.nonce;
  (d.head || d.documentElement).appendChild(script);
})(window, document);
