import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitize, sanitizerReady } from './sanitize';
import { escapeHtml, fill, type TemplateValues } from './template';

interface Props {
  html: unknown;
  values: TemplateValues;
  class?: string;
}

/**
 * Authored HTML with its templates filled: each value is escaped as text first, then the
 * whole is sanitized, so no value can become markup and no markup can run script.
 */
export function Html({ html, values, class: className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const source = typeof html === 'string' ? html : '';
  useLayoutEffect(() => {
    const text = fill(source, values, escapeHtml);
    const put = () => {
      const fragment = sanitize(text);
      if (fragment) ref.current?.replaceChildren(fragment);
      return !!fragment;
    };
    // Without a built-in sanitizer, the first message waits for DOMPurify's chunk.
    if (!put()) void sanitizerReady.then(put);
  }, [source, values]);
  return <div class={className} ref={ref} />;
}
