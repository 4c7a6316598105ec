import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Message } from '../src/ruleset/types';
import { SPEC_SURVEY_CONTENT } from '../src/testing/examples';
import { RECORD_DECISIONS, decisionFor, expect, message, rulesetOf, sdkReady, test, track, watch } from './fixtures';
import type { TestSite } from './fixtures';

/** The content of SPEC section 4b, with its intro and thank-you screens. */
const SPEC_CONTENT = SPEC_SURVEY_CONTENT;

const survey = (id: string, content: Record<string, unknown> = SPEC_CONTENT, overrides: Partial<Message> = {}): Message => ({
  id, type: 'survey', when: { event: 'uploaded-file' }, content, ...overrides,
});

/** Keeps every onSurveyAnswer call in `window.heraldAnswers`, queued before the SDK loads. */
const RECORD_ANSWERS = `window.heraldAnswers = []; Intercom('onSurveyAnswer', function (a) { heraldAnswers.push(a); });`;
const BODY = '<main><h1>Files</h1><button id="opener">Upload</button> <input id="search" aria-label="Search"></main>';

async function open(page: Page, site: TestSite, messages: Message[], settings: Record<string, unknown> = {}) {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // boxes measured at rest, not mid-animation
  site.routes.set('/collect', { status: 204 });
  const rules = site.ruleset('survey', rulesetOf(...messages));
  await page.goto(site.page('/app', {
    settings: { app_id: 'survey', sdk_url: '/sdk/messenger.js', ruleset_url: rules, events_url: '/collect', ...settings },
    after: RECORD_DECISIONS + RECORD_ANSWERS,
    body: BODY,
  }));
  await sdkReady(page);
}

/** Tracks the event and waits for the survey to show. */
async function trigger(page: Page, id: string, metadata?: Record<string, unknown>) {
  await track(page, 'uploaded-file', metadata);
  const el = message(page, id);
  await expect(el).toBeVisible();
  return el;
}

/** The stats of one name that reached the collector. */
const stats = (site: TestSite, name: string) => site.requests.filter((r) => r.path === '/collect')
  .flatMap((r) => JSON.parse(r.body).records).filter((r: any) => r.kind === 'stat' && r.name === name);
const delivered = (site: TestSite) => stats(site, 'answered').map((r: any) => [r.message_id, r.data.question_id, r.data.answer]);
const heard = (page: Page) => page.evaluate(() => (window as any).heraldAnswers.map((a: any) => [a.message_id, a.question_id, a.answer]));

const question = (el: Locator, id: string) => el.locator(`[data-question-id="${id}"]`);
/** What has focus inside the shadow root: a short description, or null when focus is not in it. */
const focused = (page: Page) => page.evaluate(() => {
  const active = document.getElementById('herald-messenger')?.shadowRoot?.activeElement as HTMLElement | null | undefined;
  return active ? active.getAttribute('data-answer') ?? active.getAttribute('data-action') ?? active.getAttribute('data-part') ?? active.className : null;
});

async function axe(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).include('#herald-messenger').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), screen).toEqual([]);
}

test('a survey triggered by an event: intro, each question by its hooks, thanks; answers reach events_url and onSurveyAnswer', async ({ page, site }) => {
  await open(page, site, [survey('upload')]);
  const el = await trigger(page, 'upload');
  await expect(el).toHaveAttribute('data-message-type', 'survey');
  await expect(el.locator('h2')).toHaveText('Quick question');
  await expect(el.locator('.body')).toHaveText('Two clicks.');
  await expect(el.locator('[data-question-id]')).toHaveCount(0);
  await decisionFor(page, 'upload', { outcome: 'shown', event: 'uploaded-file' });

  await el.locator('[data-action="start"]').click();
  const q1 = question(el, 'q1');
  await expect(q1).toBeVisible();
  await expect(q1.locator('[data-answer]')).toHaveCount(5);
  await expect(q1.locator('[data-answer]').first()).toHaveAttribute('data-answer', '1');
  const next = q1.locator('[data-action="next"]');
  await expect(next).toBeDisabled();
  await q1.locator('[data-answer="4"]').click();
  await expect(q1.locator('[data-answer="4"]')).toBeChecked();
  await expect(next).toBeEnabled();
  await next.click();

  const q2 = question(el, 'q2');
  await expect(q2).toBeVisible();
  await expect(q1).toHaveCount(0);
  await expect(q2.locator('[data-answer]')).toHaveCount(4); // three options and "Other"
  await expect(q2.locator('[data-part="other"]')).toHaveCount(0);
  await q2.locator('[data-answer="Other"]').click();
  await q2.locator('[data-part="other"]').fill('  Music ');
  await q2.locator('[data-action="next"]').click();

  // q3 is asked only after a rating of 2 or less: q4 comes next, and is the last.
  const q4 = question(el, 'q4');
  await expect(q4).toBeVisible();
  await expect(question(el, 'q3')).toHaveCount(0);
  await expect(q4.locator('[data-answer]')).toHaveCount(11);
  await expect(q4.locator('[data-action="next"]')).toHaveCount(0);
  await q4.locator('[data-answer="9"]').click();
  await q4.locator('[data-action="submit"]').click();

  await expect(el.locator('h2')).toHaveText('Thank you!');
  await expect(el.locator('.body')).toHaveText('We read every answer.');
  // Closed before the thank-you screen would close by itself.
  await el.locator('[data-action="dismiss"]').click();
  await expect(el).toHaveCount(0);

  const answers = [['upload', 'q1', 4], ['upload', 'q2', 'Music'], ['upload', 'q4', 9]];
  expect(await heard(page)).toEqual(answers);
  await expect.poll(() => delivered(site)).toEqual(answers);
  expect(stats(site, 'answered')[0]).toMatchObject({ kind: 'stat', name: 'answered', message_id: 'upload', data: { question_id: 'q1', answer: 4 } });
  await expect.poll(() => stats(site, 'dismissed')).toHaveLength(1);
});

test('show_if: a low rating asks what went wrong, and the last question asked is the one that submits', async ({ page, site }) => {
  await open(page, site, [survey('low', { questions: SPEC_CONTENT.questions.slice(0, 3) })]);
  const el = await trigger(page, 'low');
  const q1 = question(el, 'q1');
  // No intro: the first question shows at once. With q3 skipped, q2 would be the last.
  await q1.locator('[data-answer="5"]').click();
  await expect(q1.locator('[data-action="next"]')).toBeVisible();
  await q1.locator('[data-answer="2"]').click();
  await q1.locator('[data-action="next"]').click();
  const q2 = question(el, 'q2');
  await expect(q2.locator('[data-action="next"]')).toBeVisible();
  await q2.locator('[data-answer="Video"]').click();
  await q2.locator('[data-action="next"]').click();
  const q3 = question(el, 'q3');
  await expect(q3.locator('label')).toHaveText('What went wrong?');
  await q3.locator('[data-part="answer"]').fill('It stalled at 99%');
  await q3.locator('[data-action="submit"]').click();
  // No thank-you screen: the survey closes once sent.
  await expect(el).toHaveCount(0);
  expect(await heard(page)).toEqual([['low', 'q1', 2], ['low', 'q2', 'Video'], ['low', 'q3', 'It stalled at 99%']]);
  await expect.poll(() => delivered(site)).toHaveLength(3);
});

test('show_if that does not hold for the last question turns next into submit', async ({ page, site }) => {
  await open(page, site, [survey('end', { questions: [SPEC_CONTENT.questions[0], SPEC_CONTENT.questions[2]] })]);
  const q1 = question(await trigger(page, 'end'), 'q1');
  await q1.locator('[data-answer="1"]').click();
  await expect(q1.locator('[data-action="next"]')).toHaveText('Next');
  await q1.locator('[data-answer="3"]').click();
  await expect(q1.locator('[data-action="next"]')).toHaveCount(0);
  await expect(q1.locator('[data-action="submit"]')).toHaveText('Submit');
  await q1.locator('[data-action="submit"]').click();
  await expect(message(page, 'end')).toHaveCount(0);
  expect(await heard(page)).toEqual([['end', 'q1', 3]]);
});

test('a required question cannot be skipped, by click or by Enter; an optional one can, and sends nothing', async ({ page, site }) => {
  await open(page, site, [survey('req', { questions: [
    { id: 'name', type: 'text', text: 'Your name?', required: true },
    { id: 'pick', type: 'choice', text: 'Which?', options: ['A', 'B'], multiple: true },
    { id: 'score', type: 'nps', text: 'Recommend?' },
  ] })]);
  const el = await trigger(page, 'req');
  const first = question(el, 'name');
  await expect(first.locator('label')).toHaveText('Your name? Required');
  await expect(first.locator('[data-part="answer"]')).toHaveAttribute('required', '');
  await expect(first.locator('[data-action="next"]')).toBeDisabled();
  await first.locator('[data-action="next"]').click({ force: true });
  await first.locator('[data-part="answer"]').fill('   ');
  await expect(first.locator('[data-action="next"]')).toBeDisabled();
  await first.locator('[data-part="answer"]').press('Enter');
  await expect(first).toBeVisible();
  await first.locator('[data-part="answer"]').fill('Grace');
  await first.locator('[data-action="next"]').click();
  // Optional: skipped without an answer.
  const second = question(el, 'pick');
  await expect(second.locator('[data-action="next"]')).toBeEnabled();
  await second.locator('[data-action="next"]').click();
  await expect(question(el, 'score').locator('[data-action="submit"]')).toBeEnabled();
  await question(el, 'score').locator('[data-action="submit"]').click();
  await expect(el).toHaveCount(0);
  expect(await heard(page)).toEqual([['req', 'name', 'Grace']]);
  await expect.poll(() => delivered(site)).toEqual([['req', 'name', 'Grace']]);
});

test('a multiple choice: checkboxes, its picks in the order shown, and "Other" with its text', async ({ page, site }) => {
  await open(page, site, [survey('multi', { questions: [{ id: 'what', type: 'choice', text: 'What did you upload?', options: ['Photos', 'Video', 'Docs'], multiple: true, other: true, required: true }] })]);
  const q = question(await trigger(page, 'multi'), 'what');
  await expect(page.getByRole('group', { name: 'What did you upload? Required' })).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(4);
  await q.locator('[data-answer="Docs"]').check();
  await q.locator('[data-answer="Photos"]').check();
  await q.locator('[data-answer="Other"]').check();
  await expect(q.locator('[data-part="other"]')).toHaveAccessibleName('Other: your answer');
  await q.locator('[data-part="other"]').fill('Music');
  await q.locator('[data-answer="Photos"]').uncheck();
  await q.locator('[data-answer="Video"]').check();
  await q.locator('[data-action="submit"]').click();
  expect(await heard(page)).toEqual([['multi', 'what', ['Video', 'Docs', 'Music']]]);
});

test('fully by keyboard: reach it with Tab, radios with the arrow keys, Enter to move on, Escape to close', async ({ page, site }) => {
  await open(page, site, [survey('keys', { ...SPEC_CONTENT, thanks: { title: 'Thank you!' } })]);
  await page.locator('#search').focus();
  const el = await trigger(page, 'keys');
  // It never takes focus when it appears.
  await expect(page.locator('#search')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('dismiss');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('start');
  await page.keyboard.press('Enter');
  // Focus follows to the question's first control.
  await expect(question(el, 'q1')).toBeVisible();
  expect(await focused(page)).toBe('1');
  await expect(page.getByRole('radiogroup', { name: 'How was the upload? Required' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '4 of 5' })).toBeChecked();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('next');
  await page.keyboard.press('Enter');

  await expect(question(el, 'q2')).toBeVisible();
  expect(await focused(page)).toBe('Photos');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Video' })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Other' })).toBeChecked();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('other');
  await page.keyboard.type('Music');
  await page.keyboard.press('Enter');

  await expect(question(el, 'q4')).toBeVisible();
  expect(await focused(page)).toBe('0');
  await page.keyboard.press('Space');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '10, Very likely' })).toBeChecked();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('submit');
  await page.keyboard.press('Enter');

  // Focus moves to the thank-you screen, and Escape closes the survey; focus goes back.
  await expect(el.locator('h2')).toHaveText('Thank you!');
  expect(await focused(page)).toBe('screen');
  await page.keyboard.press('Escape');
  await expect(el).toHaveCount(0);
  await expect(page.locator('#search')).toBeFocused();
  expect(await heard(page)).toEqual([['keys', 'q1', 4], ['keys', 'q2', 'Music'], ['keys', 'q4', 10]]);
});

test('closing half way keeps the answers given, and sends no more', async ({ page, site }) => {
  await open(page, site, [survey('half')]);
  const el = await trigger(page, 'half');
  await el.locator('[data-action="start"]').click();
  await question(el, 'q1').locator('[data-answer="1"]').click();
  await question(el, 'q1').locator('[data-action="next"]').click();
  await question(el, 'q2').locator('[data-answer="Docs"]').click(); // chosen, never confirmed
  await el.locator('[data-action="dismiss"]').click();
  await expect(el).toHaveCount(0);
  await expect.poll(() => stats(site, 'dismissed').map((r: any) => r.message_id)).toEqual(['half']);
  expect(delivered(site)).toEqual([['half', 'q1', 1]]);
  expect(await heard(page)).toEqual([['half', 'q1', 1]]);
});

test('the thank-you screen closes by itself after a few seconds, but not while the pointer rests on it', async ({ page, site }) => {
  await page.clock.install();
  await open(page, site, [survey('bye', { questions: [{ id: 'q', type: 'nps', text: 'Recommend?' }], thanks: { title: 'Thanks!' } })]);
  const el = await trigger(page, 'bye');
  await question(el, 'q').locator('[data-answer="7"]').click();
  await question(el, 'q').locator('[data-action="submit"]').click();
  await expect(el.locator('h2')).toHaveText('Thanks!');
  await el.hover();
  await page.clock.runFor(7_000);
  await expect(el).toBeVisible();
  await page.mouse.move(5, 5);
  await page.clock.runFor(7_000);
  await expect(el).toHaveCount(0);
  await page.clock.runFor(2_000); // the outbox's batching delay
  await expect.poll(() => stats(site, 'dismissed')).toHaveLength(1);
});

test('Intercom("startSurvey", id) shows it at once, whatever its rules; an unknown id warns', async ({ page, site }) => {
  const { warnings, errors } = watch(page);
  await open(page, site, [survey('asked', SPEC_CONTENT, { when: { event: 'never-tracked' }, state: 'live', audience: [{ attr: 'user.plan', op: 'is', value: 'enterprise' }] }),
    { id: 'a-banner', type: 'banner', content: { body: '<p>hi</p>' }, when: { event: 'never' } }]);
  await page.evaluate(() => (window as any).Intercom('startSurvey', 'asked'));
  const el = message(page, 'asked');
  await expect(el).toBeVisible();
  expect((await decisionFor(page, 'asked', { outcome: 'shown' })).detail).toContain('startSurvey');
  await el.locator('[data-action="start"]').click();
  await question(el, 'q1').locator('[data-answer="5"]').click();
  await question(el, 'q1').locator('[data-action="next"]').click();
  await expect.poll(() => delivered(site)).toEqual([['asked', 'q1', 5]]);

  await page.evaluate(() => (window as any).Intercom('startSurvey', 'nope'));
  await page.evaluate(() => (window as any).Intercom('startSurvey', 'a-banner'));
  await expect.poll(() => warnings.filter((w) => w.includes('startSurvey'))).toHaveLength(2);
  expect(warnings.every((w) => w.startsWith('[herald]'))).toBe(true);
  await expect(el).toBeVisible();
  expect(errors).toEqual([]);
});

test('a page message survey shows through the normal rules, where its audience holds', async ({ page, site }) => {
  const page_survey = (id: string, plan: string) => survey(id, { questions: [{ id: 'q', type: 'text', text: `Hello ${plan}?` }] }, { when: undefined, audience: [{ attr: 'user.plan', op: 'is', value: plan }] });
  await open(page, site, [page_survey('for-free', 'free'), page_survey('for-pro', 'pro')], { plan: 'pro' });
  await expect(message(page, 'for-pro')).toBeVisible();
  await expect(message(page, 'for-free')).toHaveCount(0);
  expect((await decisionFor(page, 'for-free')).reason).toBe('audience');
});

test('a corner card like the chat, following alignment and padding; announced, never focused', async ({ page, site }) => {
  await open(page, site, [survey('corner')], { alignment: 'left', horizontal_padding: 40, vertical_padding: 30 });
  await page.locator('#search').focus();
  await page.keyboard.type('ab');
  const el = await trigger(page, 'corner');
  await page.keyboard.type('c');
  await expect(page.locator('#search')).toHaveValue('abc');
  await expect(page.locator('#search')).toBeFocused();
  const box = (await el.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.round(box.x)).toBe(40);
  expect(Math.round(viewport.height - (box.y + box.height))).toBe(30);
  await expect.poll(() => page.evaluate(() => {
    const live = document.getElementById('herald-messenger')!.shadowRoot!.querySelector('[aria-live="polite"]');
    return live?.textContent;
  })).toBe('Survey: Quick question');
  await expect(page.getByRole('region', { name: 'Quick question' })).toBeVisible();
  // Styled by constructed sheets only.
  expect(await page.evaluate(() => {
    const root = document.getElementById('herald-messenger')!.shadowRoot!;
    return document.querySelectorAll('[style], style').length + root.querySelectorAll('[style], style').length;
  })).toBe(0);
});

test('texts are filled as text, bodies sanitized, options shown filled', async ({ page, site }) => {
  const { errors } = watch(page);
  await open(page, site, [survey('xss', {
    intro: { title: 'About {{event.file_name}}', body: '<p>{{event.file_name}} <b>bold</b></p><img src="x" onerror="window.pwned=1"><script>window.pwned=2</script>' },
    questions: [{ id: 'q1', type: 'choice', text: 'What was {{event.file_name}}?', options: ['A {{user.name | fallback: "thing"}}', 'B'] }],
  })]);
  const name = '<img src=x onerror="window.pwned=3">';
  const el = await trigger(page, 'xss', { file_name: name });
  await expect(el.locator('h2')).toHaveText(`About ${name}`);
  await expect(el.locator('.body p')).toHaveText(`${name} bold`);
  await expect(el.locator('script, [onerror]')).toHaveCount(0);
  await el.locator('[data-action="start"]').click();
  await expect(question(el, 'q1').locator('legend')).toHaveText(`What was ${name}?`);
  await expect(question(el, 'q1').locator('label').first()).toHaveText('A thing');
  await question(el, 'q1').locator('label').first().click();
  await question(el, 'q1').locator('[data-action="submit"]').click();
  // The answer is the option as authored: a stable value for whoever reads the answers.
  expect(await heard(page)).toEqual([['xss', 'q1', 'A {{user.name | fallback: "thing"}}']]);
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('a rating in faces, and scales of other lengths, keep their names "N of S"', async ({ page, site }) => {
  await open(page, site, [survey('faces', { questions: [
    { id: 'mood', type: 'rating', text: 'How do you feel?', style: 'emoji' },
    { id: 'ten', type: 'rating', text: 'Out of ten?', scale: 10 },
  ] })]);
  const el = await trigger(page, 'faces');
  const mood = question(el, 'mood');
  await expect(mood.locator('.faces label')).toHaveText(['😞', '🙁', '😐', '🙂', '😄']);
  await expect(page.getByRole('radio', { name: '5 of 5' })).toHaveAttribute('data-answer', '5');
  await mood.locator('[data-answer="3"]').click();
  await mood.locator('[data-action="next"]').click();
  const ten = question(el, 'ten');
  await expect(ten.locator('[data-answer]')).toHaveCount(10);
  await expect(page.getByRole('radio', { name: '7 of 10' })).toBeVisible();
  await ten.locator('[data-answer="7"]').click();
  // Stars up to the chosen one are lit.
  await expect(ten.locator('.point.on')).toHaveCount(7);
  await ten.locator('[data-action="submit"]').click();
  expect(await heard(page)).toEqual([['faces', 'mood', 3], ['faces', 'ten', 7]]);
});

test('axe finds no serious or critical violation on any screen, light and dark', async ({ page, site }) => {
  test.slow();
  await open(page, site, [survey('axe', { ...SPEC_CONTENT, questions: [
    ...SPEC_CONTENT.questions.slice(0, 2),
    { ...SPEC_CONTENT.questions[2], show_if: { question: 'q1', op: 'lte', value: 4 } },
    SPEC_CONTENT.questions[3],
    { id: 'q5', type: 'rating', text: 'And today?', style: 'emoji', scale: 3 },
  ] })]);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.evaluate(() => (window as any).Intercom('startSurvey', 'axe'));
    const el = message(page, 'axe');
    await expect(el.locator('[data-action="start"]')).toBeVisible();
    await axe(page, `${scheme}: intro`);
    await el.locator('[data-action="start"]').click();
    await axe(page, `${scheme}: rating, nothing chosen`);
    await question(el, 'q1').locator('[data-answer="3"]').click();
    await axe(page, `${scheme}: rating`);
    await question(el, 'q1').locator('[data-action="next"]').click();
    await question(el, 'q2').locator('[data-answer="Other"]').click();
    await axe(page, `${scheme}: choice with Other`);
    await question(el, 'q2').locator('[data-action="next"]').click();
    await question(el, 'q3').locator('[data-part="answer"]').fill('Slow');
    await axe(page, `${scheme}: text`);
    await question(el, 'q3').locator('[data-action="next"]').click();
    await question(el, 'q4').locator('[data-answer="10"]').click();
    await axe(page, `${scheme}: nps`);
    await question(el, 'q4').locator('[data-action="next"]').click();
    await question(el, 'q5').locator('[data-answer="2"]').click();
    await axe(page, `${scheme}: faces`);
    await question(el, 'q5').locator('[data-action="submit"]').click();
    await expect(el.locator('h2')).toHaveText('Thank you!');
    await el.hover(); // it stays while the pointer rests on it, however long axe takes
    await axe(page, `${scheme}: thanks`);
    await el.locator('[data-action="dismiss"]').click();
    await expect(el).toHaveCount(0);
  }
});
