import { Component, createRef } from 'preact';
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
 * A class, not hooks: a banner, the commonest message, then needs no hooks chunk.
 */
export class Html extends Component<Props> {
  private readonly root = createRef<HTMLDivElement>();

  override componentDidMount() {
    this.fill();
  }

  override componentDidUpdate(previous: Props) {
    if (previous.html !== this.props.html || previous.values !== this.props.values) this.fill();
  }

  private fill() {
    const { html, values } = this.props;
    const text = fill(typeof html === 'string' ? html : '', values, escapeHtml);
    const put = () => {
      const fragment = sanitize(text);
      if (fragment) this.root.current?.replaceChildren(fragment);
      return !!fragment;
    };
    // Without a built-in sanitizer, the first message waits for the fallback's chunks (a
    // chunk that cannot load leaves the body empty, and nothing reaches the host page).
    if (!put()) sanitizerReady(text).then(put, () => {});
  }

  render() {
    return <div class={this.props.class} ref={this.root} />;
  }
}
