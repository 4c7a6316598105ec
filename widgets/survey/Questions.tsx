import type { ComponentChildren } from 'preact';
import { fill, type TemplateValues } from '../shared/template';
import { OTHER, scaleOf, type Picked, type Question } from './flow';

interface Props {
  q: Question;
  /** Makes the ids and radio names of this question unique in the shadow root. */
  uid: string;
  values: TemplateValues;
  draft: unknown;
  set(draft: unknown): void;
}

/** Faces for a rating in `emoji` style, for 3 and 5 points. */
const FACES: Record<number, string[]> = { 3: ['🙁', '😐', '🙂'], 5: ['😞', '🙁', '😐', '🙂', '😄'] };

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The question's text as the group's legend, with "Required" shown (and said) where it is. */
function Legend({ q, uid, values }: Pick<Props, 'q' | 'uid' | 'values'>) {
  return (
    <legend id={`${uid}-l`} class="legend">
      {fill(q.text, values)}
      {q.required && <span class="req"> Required</span>}
    </legend>
  );
}

/**
 * A labelled group of native inputs: radios give arrow keys and one tab stop for free.
 * A radio group is a `radiogroup` fieldset, so it can say that it is required.
 */
function Group({ q, uid, values, radio, children }: Pick<Props, 'q' | 'uid' | 'values'> & { radio: boolean; children: ComponentChildren }) {
  return (
    <fieldset class={`group ${q.type}`} role={radio ? 'radiogroup' : undefined} aria-labelledby={`${uid}-l`} aria-required={radio && q.required ? 'true' : undefined}>
      <Legend q={q} uid={uid} values={values} />
      {children}
    </fieldset>
  );
}

/** Ratings (1 to scale) and NPS (0 to 10): a row of radios drawn as stars, faces or numbers. */
function Scale({ q, uid, values, draft, set }: Props) {
  const nps = q.type === 'nps';
  const scale = nps ? 10 : scaleOf(q);
  const faces = q.style === 'emoji' ? FACES[scale] : undefined;
  const points = nps ? range(0, 10) : range(1, scale);
  const name = (n: number) => (!nps ? `${n} of ${scale}` : n === 0 ? '0, Not likely' : n === 10 ? '10, Very likely' : String(n));
  const look = nps ? 'numbers' : faces ? 'faces' : 'stars';
  return (
    <Group q={q} uid={uid} values={values} radio>
      <div class={`points ${look}`}>
        {points.map((n) => (
          // Stars fill up to the chosen one; faces and numbers mark only it.
          <label key={n} class={(look === 'stars' ? typeof draft === 'number' && n <= draft : draft === n) ? 'point on' : 'point'}>
            <input type="radio" name={uid} value={n} data-answer={String(n)} aria-label={name(n)} checked={draft === n} onChange={() => set(n)} />
            <span aria-hidden="true">{nps ? n : faces ? faces[n - 1] : ''}</span>
          </label>
        ))}
      </div>
      {nps && <p class="ends" aria-hidden="true"><span>Not likely</span><span>Very likely</span></p>}
    </Group>
  );
}

/** A single (radios) or multiple (checkboxes) choice, with an optional "Other" and its text. */
function Choice({ q, uid, values, draft, set }: Props) {
  const { picked = [], other = '' } = (draft ?? {}) as Partial<Picked>;
  const type = q.multiple ? 'checkbox' : 'radio';
  const options = (q.options ?? []).filter((o) => typeof o === 'string');
  if (q.other) options.push(OTHER);
  const toggle = (option: string, on: boolean) => set({
    picked: q.multiple ? (on ? [...picked, option] : picked.filter((p) => p !== option)) : [option],
    other,
  });
  return (
    <Group q={q} uid={uid} values={values} radio={!q.multiple}>
      {options.map((option, i) => (
        <label key={i} class="option">
          <input
            type={type}
            name={uid}
            value={option}
            data-answer={option}
            checked={picked.includes(option)}
            onChange={(e) => toggle(option, (e.target as HTMLInputElement).checked)}
          />
          <span>{q.other && i === options.length - 1 ? OTHER : fill(option, values)}</span>
        </label>
      ))}
      {q.other && picked.includes(OTHER) && (
        <input
          class="other"
          type="text"
          data-part="other"
          aria-label="Other: your answer"
          placeholder="Your answer"
          maxLength={500}
          value={other}
          onInput={(e) => set({ picked, other: (e.target as HTMLInputElement).value })}
        />
      )}
    </Group>
  );
}

/** A free text answer: the question is the textarea's label. */
function Text({ q, uid, values, draft, set }: Props) {
  return (
    <div class="group text">
      <label id={`${uid}-l`} for={`${uid}-a`} class="legend">
        {fill(q.text, values)}
        {q.required && <span class="req"> Required</span>}
      </label>
      <textarea
        id={`${uid}-a`}
        data-part="answer"
        rows={3}
        maxLength={2000}
        required={q.required}
        value={typeof draft === 'string' ? draft : ''}
        onInput={(e) => set((e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

/** The controls of one question, by type. */
export function Controls(props: Props) {
  const { type } = props.q;
  return type === 'text' ? <Text {...props} /> : type === 'choice' ? <Choice {...props} /> : <Scale {...props} />;
}
