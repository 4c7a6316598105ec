import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WidgetView } from '../../src/widget';
import { Html } from '../shared/Html';
import { fill, type TemplateValues } from '../shared/template';
import { answerOf, nextIndex, questionsOf, type Answers } from './flow';
import { Controls } from './Questions';

interface Screen {
  title?: string;
  body?: string;
}

export interface SurveyContent {
  intro?: Screen;
  thanks?: Screen;
  questions?: unknown;
}

interface Props {
  view: WidgetView;
  values: TemplateValues;
  onAnswer(questionId: string, answer: unknown): void;
  /** The survey is over: closed by the person, or done (after its thank-you screen). */
  onClose(): void;
}

const INTRO = -1;
const THANKS = -2;
/** How long the thank-you screen stays, unless the pointer rests on it. */
export const THANKS_MS = 6000;

const screenOf = (value: unknown): Screen | undefined => (value && typeof value === 'object' ? value as Screen : undefined);
const text = (value: unknown, values: TemplateValues) => (typeof value === 'string' ? fill(value, values).trim() : '');

/**
 * A survey card in the corner of the page: an optional intro, one question per screen,
 * an optional thank-you. Each answer goes out as soon as the person moves on from its
 * question, so a survey closed half way keeps the answers given. It never takes focus
 * when it appears; once the person uses it, focus follows them from screen to screen.
 */
export function Survey({ view, values, onAnswer, onClose }: Props) {
  const content = view.message.content as SurveyContent;
  const [questions] = useState(() => questionsOf(content));
  const intro = screenOf(content.intro);
  const thanks = screenOf(content.thanks);
  const [screen, setScreen] = useState(() => (intro ? INTRO : nextIndex(questions, -1, {}, Date.now())));
  const [answers, setAnswers] = useState<Answers>({});
  const [draft, setDraft] = useState<unknown>(undefined);
  const root = useRef<HTMLElement>(null);
  /** Set when the person moves on: only then does focus follow to the new screen. */
  const moved = useRef(false);

  useLayoutEffect(() => {
    if (!moved.current) return;
    const el = root.current!.querySelector<HTMLElement>('.screen');
    (el?.querySelector<HTMLElement>('input, textarea') ?? el)?.focus({ preventScroll: true });
  }, [screen]);

  useEffect(() => {
    if (screen !== THANKS) return;
    let timer: ReturnType<typeof setTimeout>;
    const later = () => {
      timer = setTimeout(() => (root.current?.matches(':hover') ? later() : onClose()), THANKS_MS);
    };
    later();
    return () => clearTimeout(timer);
  }, [screen]);

  const go = (to: number) => {
    moved.current = true;
    setDraft(undefined);
    if (to >= 0 || to === THANKS) setScreen(to);
    else onClose();
  };

  const q = questions[screen];
  const answer = q && answerOf(q, draft);
  const upcoming = q ? nextIndex(questions, screen, { ...answers, [q.id]: answer }, Date.now()) : -1;
  const blocked = !!q?.required && answer === undefined;

  const submit = (e: Event) => {
    e.preventDefault();
    if (!q || blocked) return;
    if (answer !== undefined) {
      setAnswers({ ...answers, [q.id]: answer });
      onAnswer(q.id, answer);
    }
    go(upcoming >= 0 ? upcoming : thanks ? THANKS : -1);
  };

  const label = text(intro?.title, values);
  const page = screen === INTRO ? intro : screen === THANKS ? thanks : undefined;
  const title = text(page?.title, values);
  return (
    <section
      ref={root}
      class="corner survey"
      data-message-id={view.message.id}
      data-message-type="survey"
      aria-label={label || 'Survey'}
      onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}
    >
      <button type="button" class="dismiss" data-action="dismiss" aria-label="Close survey" onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
      {q ? (
        <form key={screen} class="screen question" data-question-id={q.id} onSubmit={submit}>
          <Controls q={q} uid={`hs${screen}`} values={values} draft={draft} set={setDraft} />
          <div class="actions">
            <button type="submit" class="primary" data-action={upcoming >= 0 ? 'next' : 'submit'} disabled={blocked}>
              {upcoming >= 0 ? 'Next' : 'Submit'}
            </button>
          </div>
        </form>
      ) : (
        <div key={screen} class="screen" tabIndex={-1}>
          {title && <h2>{title}</h2>}
          <Html class="body" html={page?.body} values={values} />
          {screen === INTRO && (
            <div class="actions">
              <button type="button" class="primary" data-action="start" onClick={() => go(nextIndex(questions, -1, {}, Date.now()))}>Start</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
