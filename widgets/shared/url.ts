const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL if it is http(s), mailto or relative; undefined otherwise (`javascript:`,
 * `data:` and the rest, in any disguise the URL parser sees through). Resolved against
 * the page, so what is checked is exactly what the browser will follow.
 */
export function safeUrl(raw: unknown, base: string = location.href): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return ALLOWED.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
