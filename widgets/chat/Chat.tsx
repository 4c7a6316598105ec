import { useState } from 'preact/hooks';
import type { WidgetView } from '../../src/widget';
import { Html } from '../shared/Html';
import { fill, type TemplateValues } from '../shared/template';
import { safeUrl } from '../shared/url';

export interface ChatContent {
  from?: { name?: string; avatar_url?: string };
  body?: string;
  reply?: 'text' | 'none';
}

interface Props {
  view: WidgetView;
  values: TemplateValues;
  onDismiss(): void;
  onReply(text: string): void;
}

/** The sender's initials, for when there is no (safe) avatar. */
const initials = (name: string) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';

/** A message bubble from a teammate, near the corner of the page, with an optional reply field. */
export function Chat({ view, values, onDismiss, onReply }: Props) {
  const content = view.message.content as ChatContent;
  const name = fill(typeof content.from?.name === 'string' ? content.from.name : '', values).trim() || 'The team';
  const avatar = safeUrl(fill(typeof content.from?.avatar_url === 'string' ? content.from.avatar_url : '', values));
  const [draft, setDraft] = useState('');
  const [sent, setSent] = useState<string[]>([]);
  const titleId = `herald-chat-${view.message.id}`;

  const send = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setSent([...sent, text]);
    setDraft('');
    onReply(text);
  };

  return (
    <section class="corner chat" data-message-id={view.message.id} data-message-type="chat" aria-labelledby={titleId}>
      <header class="from">
        {avatar ? <img class="avatar" src={avatar} alt="" /> : <span class="avatar initials" aria-hidden="true">{initials(name)}</span>}
        <span class="name" id={titleId}>{name}</span>
        <button type="button" class="dismiss" data-action="dismiss" aria-label="Dismiss" onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <Html class="bubble" html={content.body} values={values} />
      {sent.map((text, i) => (
        <p class="sent" key={i}>
          <span class="visually-hidden">You: </span>{text}
          <span class="status">Sent</span>
        </p>
      ))}
      {content.reply !== 'none' && (
        <form class="reply" onSubmit={send}>
          <label class="visually-hidden" for={`${titleId}-reply`}>Reply to {name}</label>
          <input
            id={`${titleId}-reply`}
            data-part="reply"
            type="text"
            autocomplete="off"
            maxLength={2000}
            placeholder={`Reply to ${name}…`}
            value={draft}
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
          <button type="submit" data-action="send" disabled={!draft.trim()}>Send</button>
        </form>
      )}
    </section>
  );
}
