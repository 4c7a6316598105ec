import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitize } from './sanitize';
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
    ref.current?.replaceChildren(sanitize(fill(source, values, escapeHtml)));
  }, [source, values]);
  return <div class={className} ref={ref} />;
}
