import { describe, expect, it } from 'vitest';
// @ts-expect-error: the build configuration is plain JavaScript, without declarations
import { squeezeCss } from '../rollup.config.mjs';

describe('squeezeCss: the widgets\' stylesheets as shipped', () => {
  it('drops comments and runs of white space, and the space after a declaration\'s colon', () => {
    expect(squeezeCss(`
      /* a comment, with { braces } */
      .card {
        color: red;
        box-shadow: 0 10px 34px rgba(0, 0, 0, 0.18);
      }
    `)).toBe('.card{color:red;box-shadow:0 10px 34px rgba(0,0,0,0.18)}');
  });

  it('keeps the spaces that mean something: descendant selectors, pseudo-classes after a space, values, calc()', () => {
    expect(squeezeCss('.banner :focus { outline: 2px solid var(--x); }')).toBe('.banner :focus{outline:2px solid var(--x)}');
    expect(squeezeCss('.a .b > .c { width: calc(100vw - 24px); }')).toBe('.a .b>.c{width:calc(100vw - 24px)}');
    expect(squeezeCss('a:hover { color: blue }')).toBe('a:hover{color:blue}');
  });

  it('at-rules, attribute selectors and !important survive', () => {
    expect(squeezeCss('@media (prefers-color-scheme: dark) { :host { --bg: #000 !important; } }'))
      .toBe('@media (prefers-color-scheme: dark){:host{--bg:#000!important}}');
    expect(squeezeCss('[dir="rtl"] .corner { left: auto; }')).toBe('[dir="rtl"] .corner{left:auto}');
  });
});
