/**
 * The package as an app's TypeScript sees it once installed: declarations emitted as the
 * build emits them (tsconfig.build.json), found through package.json's `exports` (its
 * `types` condition), and a consumer compiled against them under the module resolutions
 * apps use; then examples/react-spa, with its own tsconfig.json. Written to a temporary
 * folder: dist/ is left alone.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRuleset } from './ruleset/validate';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'react-spa');

/** An app that uses the package: good calls, and bad ones each marked where TypeScript must object. */
const CONSUMER = `
import { Intercom, type Decision, type EventMetadata, type Settings } from 'herald-messenger';

const settings: Settings = { app_id: 'app', ruleset_url: '/ruleset.json', user_id: 42, plan: 'pro' };
Intercom('boot', { app_id: 'app', ...settings });
Intercom('onDecision', (decision: Decision) => console.log(decision.outcome, decision.detail));
const metadata: EventMetadata = { file_name: 'a.png', duration_s: 130 };
Intercom('trackEvent', 'uploaded-file', metadata);
const visitor: string | undefined = Intercom('getVisitorId');
Intercom('shutdown');
// @ts-expect-error: no such command
Intercom('showMessenger');
// @ts-expect-error: the event name is a string
Intercom('trackEvent', 42);
// @ts-expect-error: boot needs an app_id
Intercom('boot', { user_id: '1' });
Intercom('showMessages');
export { visitor };
`;

const SHOW_MESSAGES_LINE = CONSUMER.split('\n').findIndex((l) => l.startsWith("Intercom('showMessages')"));

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'herald-package-'));
  const pkg = path.join(dir, 'node_modules', 'herald-messenger');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.build.json'), { outDir: path.join(pkg, 'dist', 'types') }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  ts.createProgram(config.fileNames, config.options).emit();
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', type: 'module', private: true }));
  writeFileSync(path.join(dir, 'app.ts'), CONSUMER);
  // The example as an app of its own, beside the installed package and React's types.
  cpSync(path.join(EXAMPLE, 'src'), path.join(dir, 'example', 'src'), { recursive: true });
  copyFileSync(path.join(EXAMPLE, 'tsconfig.json'), path.join(dir, 'example', 'tsconfig.json'));
  mkdirSync(path.join(dir, 'node_modules', '@types'));
  for (const dep of ['react', 'react-dom', '@types/react', '@types/react-dom']) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A language service over the consumer (or the given files), as an editor would run it. */
function service(options: ts.CompilerOptions, fileNames = [path.join(dir, 'app.ts')]) {
  const file = fileNames[0]!;
  const compilerOptions: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], ...options,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => compilerOptions,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const ls = ts.createLanguageService(host);
  const show = (d: ts.Diagnostic) => `${d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start!).line}` : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  return {
    // The app's file and every declaration it reaches: a declaration that imports what Node
    // resolution cannot find would make its types `any`, silently, in the app.
    errors: () => {
      const files = ls.getProgram()!.getSourceFiles().map((f) => f.fileName).filter((f) => !f.includes('/typescript/lib/'));
      return [...ls.getCompilerOptionsDiagnostics(), ...files.flatMap((f) => [...ls.getSyntacticDiagnostics(f), ...ls.getSemanticDiagnostics(f)])].map(show);
    },
    suggestions: () => ls.getSuggestionDiagnostics(file).map((d) => ({ line: d.file!.getLineAndCharacterOfPosition(d.start!).line, code: d.code })),
    resolved: () => ls.getProgram()!.getSourceFiles().map((f) => path.relative(dir, f.fileName)).filter((f) => f.startsWith('node_modules')),
  };
}

describe.each<[string, ts.CompilerOptions]>([
  ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
  ['nodenext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
])('an app compiled with moduleResolution %s', (_name, options) => {
  it('finds the declarations through exports and type-checks: good calls pass, bad ones fail', () => {
    const app = service(options);
    // An unused @ts-expect-error would be an error too: every bad call above was rejected.
    expect(app.errors()).toEqual([]);
    expect(app.resolved()).toContain(path.join('node_modules', 'herald-messenger', 'dist', 'types', 'src', 'index.d.ts'));
  }, 30_000);

  it('marks Intercom Messenger calls deprecated: editors strike them through', () => {
    const deprecated = service(options).suggestions().filter((s) => s.code === 6387);
    expect(deprecated).toEqual([{ line: SHOW_MESSAGES_LINE, code: 6387 }]);
  }, 30_000);
});

describe('examples/react-spa', () => {
  it('type-checks with its tsconfig.json against the installed package', () => {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'example', 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
    })!;
    expect(config.fileNames.map((f) => path.basename(f)).sort()).toEqual(readdirSync(path.join(EXAMPLE, 'src')).sort());
    const example = service(config.options, config.fileNames);
    expect(example.errors()).toEqual([]);
    expect(example.resolved()).toContain(path.join('node_modules', 'herald-messenger', 'dist', 'types', 'src', 'index.d.ts'));
  }, 30_000);

  it('its ruleset is valid, without a warning', () => {
    const doc: unknown = JSON.parse(readFileSync(path.join(EXAMPLE, 'public', 'herald', 'ruleset.json'), 'utf8'));
    expect(validateRuleset(doc).problems).toEqual([]);
  });
});
