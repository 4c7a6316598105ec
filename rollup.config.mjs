import { existsSync, readdirSync, readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const define = { __HERALD_VERSION__: JSON.stringify(pkg.version), __HINTS__: 'false' };
const extensions = ['.ts', '.tsx', '.js', '.mjs'];
/** One chunk per widget type: every widgets/TYPE/index.tsx. */
const widgetEntries = Object.fromEntries(readdirSync('widgets')
  .filter((name) => existsSync(`widgets/${name}/index.tsx`))
  .map((name) => [name, `widgets/${name}/index.tsx`]));
const ts = (extra = {}) => esbuild({ target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact', define: { ...define, ...extra }, minify: false });
/** A stylesheet without comments and runs of white space; spaces in selectors and values stay. */
export const squeezeCss = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ')
  .replace(/\s*([{};,>])\s*/g, '$1').replace(/([{;])([\w-]+): /g, '$1$2:').replace(/ !important/g, '!important')
  .replace(/;}/g, '}').trim();
/** The widgets' stylesheets (`export const X_CSS = \`...\`` in widgets/NAME/styles.ts and corner.ts), squeezed at build time. */
const css = () => ({
  name: 'herald-css',
  transform(code, id) {
    if (!/[\\/]widgets[\\/][^\\/]+[\\/](styles|corner)\.ts$/.test(id)) return null;
    return { code: code.replace(/(_CSS = `)([^`]*)`/g, (_, start, sheet) => `${start}${squeezeCss(sheet)}\``), map: null };
  },
});
/** `preact/jsx-runtime` as widgets/shared/jsx.ts, for the widget chunks. */
const jsxRuntime = () => ({
  name: 'herald-jsx',
  resolveId: (source) => (source === 'preact/jsx-runtime' ? new URL('./widgets/shared/jsx.ts', import.meta.url).pathname : null),
});
const minify = () => terser({ ecma: 2020, module: true, compress: { passes: 2, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, unsafe: true, hoist_funs: false }, format: { comments: false } });
/**
 * Chromium's explicit compile hint as the first line of the named chunks (after terser,
 * which drops comments): all their functions are compiled on the thread that streams the
 * script, not one by one on the main thread as each is first called. For code that runs
 * whole as soon as it loads: the entry, and the validator.
 */
const compileHint = (name) => ({
  name: 'herald-compile-hint',
  renderChunk: (code, chunk) => (chunk.name === name ? { code: `//# allFunctionsCalledOnLoad\n${code}`, map: null } : null),
});

export default [
  // The install snippet: ES5, pasted inline by site owners.
  {
    input: 'src/snippet/snippet.js',
    output: { file: 'dist/snippet.js', format: 'es' },
    plugins: [terser({ ecma: 5, compress: { passes: 2 }, mangle: true, format: { comments: false } })],
  },
  // The SDK entry: a classic script, so that any Intercom loader can load it.
  {
    input: 'src/messenger.ts',
    output: { file: 'dist/messenger.js', format: 'iife', inlineDynamicImports: true },
    // Every page runs most of the entry at once: Chromium's explicit compile hint has it
    // compile all of its functions on the thread that streams the script, not one by one
    // on the main thread as each is first called (half of Herald's main-thread time at load).
    plugins: [resolve({ extensions }), ts(), minify(), compileHint('messenger')],
  },
  // Widget chunks: ES modules imported by messenger.js from its own folder, sharing Preact.
  {
    input: widgetEntries,
    // One shared chunk (Preact and widgets/shared) that every widget imports, so the first
    // banner costs its own chunk plus this one; the other widgets also import common.js.
    output: {
      dir: 'dist/widgets', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js',
      // DOMPurify is a chunk of its own, fetched only where the browser has no built-in sanitizer
      // and a body is more than plain HTML (plain.js, fetched first).
      // Preact's hooks, the focus helpers and the corner card too (common.js): every widget
      // but the banner, the commonest message, uses them.
      manualChunks: (id) => (/node_modules\/dompurify\/|\/widgets\/shared\/purify/.test(id) ? 'purify'
        : /\/widgets\/shared\/plain/.test(id) ? 'plain'
        : /node_modules\/preact\/hooks\/|\/widgets\/shared\/(focus|corner)/.test(id) ? 'common'
          : /node_modules\/preact\/|\/widgets\/shared\//.test(id) ? 'shared' : undefined),
    },
    preserveEntrySignatures: 'exports-only',
    plugins: [jsxRuntime(), resolve({ extensions }), css(), ts(), minify()],
  },
  // The validator as the SDK loads it, beside messenger.js (an ES module, like the widgets).
  {
    input: { validate: 'src/ruleset/check.ts', extras: 'src/extras.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'rules-[hash].js' },
    preserveEntrySignatures: 'exports-only',
    // The validator checks a whole ruleset as soon as it loads: compiled as it streams, too.
    plugins: [resolve({ extensions }), ts(), minify(), compileHint('validate')],
  },
  // The validator CLI: `npx herald validate ruleset.json`.
  {
    input: 'src/cli-bin.ts',
    output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node' },
    external: [/^node:/],
    plugins: [resolve({ extensions }), ts({ __HINTS__: 'true' })],
  },
  // The npm package for bundlers: ESM, dependencies left to the app's bundler.
  {
    input: 'src/index.ts',
    output: { dir: 'dist/esm', format: 'es', chunkFileNames: '[name]-[hash].js' },
    external: (id) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`)),
    plugins: [resolve({ extensions }), ts()],
  },
];
