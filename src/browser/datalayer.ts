/**
 * Google Tag Manager's dataLayer: entries `{ event: NAME, ...fields }` whose name is one
 * of `names` become events, those pushed before Herald loaded included. Every other push
 * is left alone, and push still returns what it returned.
 */
type Entry = Record<string, unknown>;
type Layer = unknown[] & { push: (...items: unknown[]) => number };

const watched = new WeakSet<object>();

/** The entry's fields, without `event` and GTM's own `gtm.*` keys. */
function fieldsOf(entry: Entry): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) if (key !== 'event' && !key.startsWith('gtm.')) fields[key] = entry[key];
  return fields;
}

export function watchDataLayer(win: { dataLayer?: unknown }, names: string[], onEvent: (name: string, fields: Record<string, unknown>) => void): void {
  const layer = (Array.isArray(win.dataLayer) ? win.dataLayer : (win.dataLayer = [])) as Layer;
  if (watched.has(layer)) return;
  watched.add(layer);
  const wanted = new Set(names);
  const take = (item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const event = (item as Entry).event;
      if (typeof event === 'string' && wanted.has(event)) onEvent(event, fieldsOf(item as Entry));
    }
  };
  for (const item of layer.slice()) take(item);
  // GTM may wrap push again later: each wrapper calls the one before, so all of them see it.
  const previous = layer.push;
  layer.push = function (this: Layer, ...items: unknown[]) {
    const result = previous.apply(this, items);
    for (const item of items) {
      try {
        take(item);
      } catch (error) {
        console.warn('[herald] a dataLayer entry could not be read:', error);
      }
    }
    return result;
  };
}
