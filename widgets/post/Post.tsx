import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WidgetView } from '../../src/widget';
import { tabbables } from '../shared/focus';
import { Html } from '../shared/Html';
import { fill, type TemplateValues } from '../shared/template';
import { safeUrl } from '../shared/url';

export interface PostContent {
  title?: string;
  body?: string;
  header_image_url?: string;
  from?: { name?: string; avatar_url?: string };
  actions?: { label?: string; url?: string }[];
}

interface Props {
  view: WidgetView;
  values: TemplateValues;
  onDismiss(): void;
  /** `index`: 0 is the primary action; `navigates`: it is a link the browser follows. */
  onAction(index: number, navigates: boolean): void;
}

const TITLE_ID = 'herald-post-title';
const text = (value: unknown, values: TemplateValues) => (typeof value === 'string' ? fill(value, values).trim() : '');

/**
 * A modal announcement card. A native <dialog> opened with showModal(): it sits in the top
 * layer (no z-index to win), the rest of the page is inert, and Escape fires `cancel`.
 */
export function Post({ view, values, onDismiss, onAction }: Props) {
  const content = view.message.content as PostContent;
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  // A body that scrolls must be reachable by keyboard (axe: scrollable-region-focusable).
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    dialog.current!.showModal();
    const el = body.current!;
    const observer = new ResizeObserver(() => setScrolls(el.scrollHeight > el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Tab wraps around inside: past the last control, a modal dialog would let focus
  // reach the browser's own UI.
  const trap = (e: KeyboardEvent) => {
    if (e.key !== 'Tab') return;
    const root = dialog.current!;
    const list = tabbables(root);
    const active = (root.getRootNode() as ShadowRoot).activeElement;
    const edge = e.shiftKey ? (active === list[0] || active === root) : active === list[list.length - 1];
    if (!list.length || edge) {
      e.preventDefault();
      list[e.shiftKey ? list.length - 1 : 0]?.focus();
    }
  };

  const title = text(content.title, values);
  const image = safeUrl(typeof content.header_image_url === 'string' ? fill(content.header_image_url, values) : undefined);
  const name = text(content.from?.name, values);
  const avatar = safeUrl(typeof content.from?.avatar_url === 'string' ? fill(content.from.avatar_url, values) : undefined);
  const actions = (Array.isArray(content.actions) ? content.actions : [])
    .map((a) => ({ label: text(a?.label, values), href: typeof a?.url === 'string' ? safeUrl(fill(a.url, values)) : undefined }))
    .filter((a) => a.label)
    .slice(0, 3);

  return (
    <dialog
      ref={dialog}
      class="post"
      data-message-id={view.message.id}
      data-message-type="post"
      aria-labelledby={title ? TITLE_ID : undefined}
      aria-label={title ? undefined : 'Announcement'}
      // preventDefault: the widget, not the browser, takes the dialog down (once).
      onCancel={(e) => { e.preventDefault(); onDismiss(); }}
      onKeyDown={trap}
    >
      {image && <img class="image" src={image} alt="" />}
      <header>
        {title && <h2 id={TITLE_ID}>{title}</h2>}
        {(name || avatar) && (
          <p class="from">
            {avatar && <img class="avatar" src={avatar} alt="" />}
            {name && <span>{name}</span>}
          </p>
        )}
      </header>
      <button type="button" class="dismiss" data-action="dismiss" aria-label="Close" onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </button>
      <div ref={body} class={scrolls ? 'body scrolls' : 'body'} tabIndex={scrolls ? 0 : undefined}>
        <Html class="content" html={content.body} values={values} />
      </div>
      {actions.length > 0 && (
        <div class="actions">
          {actions.map((a, i) => {
            const hook = i === 0 ? 'primary' : 'secondary';
            return a.href
              ? <a class="button" data-action={hook} href={a.href} onClick={() => onAction(i, true)}>{a.label}</a>
              : <button type="button" data-action={hook} onClick={() => onAction(i, false)}>{a.label}</button>;
          })}
        </div>
      )}
    </dialog>
  );
}
