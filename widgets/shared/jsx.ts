/**
 * The automatic JSX runtime, over Preact's createElement (which render uses anyway):
 * preact/jsx-runtime would add a second way to make vnodes to every page with a widget.
 * The build maps `preact/jsx-runtime` here (rollup.config.mjs).
 */
import { createElement, Fragment, type ComponentType } from 'preact';

export { Fragment };
export const jsx = (type: string | ComponentType<object>, props: object, key?: string | number) =>
  createElement(type as string, key === undefined ? props : { ...props, key });
export { jsx as jsxs };
