import type { WidgetView } from '../../src/widget';
import { Html } from '../shared/Html';
import { fill, type TemplateValues } from '../shared/template';
import { safeUrl } from '../shared/url';

export interface BannerContent {
  body?: string;
  position?: 'top' | 'bottom';
  style?: 'inline' | 'floating';
  dismissible?: boolean;
  action?: { label?: string; url?: string };
}

interface Props {
  view: WidgetView;
  values: TemplateValues;
  onDismiss(): void;
  /** `navigates`: the action is a link the browser follows. */
  onAction(navigates: boolean): void;
}

/** A strip across the top or bottom of the page, pushing it (`inline`) or over it (`floating`). */
export function Banner({ view, values, onDismiss, onAction }: Props) {
  const content = view.message.content as BannerContent;
  const position = content.position === 'bottom' ? 'bottom' : 'top';
  const style = content.style === 'inline' ? 'inline' : 'floating';
  const action = content.action;
  const label = action && typeof action.label === 'string' ? fill(action.label, values).trim() : '';
  const href = action && typeof action.url === 'string' ? safeUrl(fill(action.url, values)) : undefined;
  return (
    <section
      class={`banner ${position} ${style}`}
      data-message-id={view.message.id}
      data-message-type="banner"
      aria-label="Announcement"
    >
      <Html class="body" html={content.body} values={values} />
      {label && (href
        ? <a class="button action" data-action="primary" href={href} onClick={() => onAction(true)}>{label}</a>
        : <button type="button" class="action" data-action="primary" onClick={() => onAction(false)}>{label}</button>)}
      {content.dismissible !== false && (
        <button type="button" class="dismiss" data-action="dismiss" aria-label="Dismiss" onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </section>
  );
}
