/**
 * Message templates: `{{event.KEY}}`, `{{user.KEY}}`, with an optional fallback:
 * `{{user.name | fallback: "there"}}`. Values go in as text, exactly as tracked; one
 * pass over the authored text, so a value that looks like a template stays text.
 */
export interface TemplateValues {
  event: Record<string, unknown>;
  user: Record<string, unknown>;
}

const TEMPLATE = /\{\{\s*(event|user)\.([\w$-]+(?:\.[\w$-]+)*)\s*(?:\|\s*fallback:\s*(?:"([^"]*)"|'([^']*)')\s*)?\}\}/g;

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? (value === '' ? undefined : value)
    : typeof value === 'number' && Number.isFinite(value) ? String(value)
      : typeof value === 'boolean' ? String(value)
        : undefined;

const own = (source: Record<string, unknown>, key: string) =>
  Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;

/** Fills the templates of `text`; `encode` is applied to each inserted value (and fallback). */
export function fill(text: string, values: TemplateValues, encode: (value: string) => string = (v) => v): string {
  return text.replace(TEMPLATE, (_match, scope: 'event' | 'user', key: string, fallbackDouble?: string, fallbackSingle?: string) => {
    const value = asText(own(values[scope], key)) ?? fallbackDouble ?? fallbackSingle ?? '';
    return encode(value);
  });
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to stand in HTML, as content or as an attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
