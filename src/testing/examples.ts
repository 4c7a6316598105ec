/** The survey content of SPEC section 4b, with its intro and thank-you screens, as tests use it. */
export const SPEC_SURVEY_CONTENT = {
  intro: { title: 'Quick question', body: '<p>Two clicks.</p>' },
  questions: [
    { id: 'q1', type: 'rating', text: 'How was the upload?', scale: 5, required: true },
    { id: 'q2', type: 'choice', text: 'What did you upload?', options: ['Photos', 'Video', 'Docs'], multiple: false, other: true },
    { id: 'q3', type: 'text', text: 'What went wrong?', show_if: { question: 'q1', op: 'lte', value: 2 } },
    { id: 'q4', type: 'nps', text: 'Would you recommend us?' },
  ],
  thanks: { title: 'Thank you!', body: '<p>We read every answer.</p>' },
};
