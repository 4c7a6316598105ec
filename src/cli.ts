/**
 * `herald validate FILE...`: checks rulesets as the SDK will read them, and prints each
 * problem with its JSON path and a hint. Exits 1 when any file has an error.
 */
import { readFileSync } from 'node:fs';
import { validateRuleset, type Problem } from './ruleset/validate';

const USAGE = 'usage: herald validate RULESET.json [...]   (- reads standard input)';

/** Is text[0, end) valid JSON so far: it parses, or fails only because it stops there? */
const parsesUpTo = (text: string, end: number) => {
  try {
    JSON.parse(text.slice(0, end));
    return true;
  } catch (error) {
    const message = String(error);
    const position = /position (\d+)/.exec(message);
    return /end of JSON|Unterminated/i.test(message) || (position !== null && Number(position[1]) >= end);
  }
};

/**
 * Where a JSON.parse error is, as line and column. Node 20's engine does not always say
 * ("Unexpected token"), so then the shortest prefix that fails other than by ending is found.
 */
function where(text: string, message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  let at = position ? Number(position[1]) : text.length;
  if (!position && !/end of JSON/i.test(message)) {
    let [low, high] = [0, text.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (parsesUpTo(text, mid + 1)) low = mid + 1;
      else high = mid;
    }
    at = low;
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Validates one file's text; returns the report lines and whether it has errors. */
export function report(name: string, text: string): { lines: string[]; failed: boolean } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { lines: [`${name}: not valid JSON${where(text, message)}: ${message}`], failed: true };
  }
  const { problems } = validateRuleset(doc);
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  if (!problems.length) {
    const count = Array.isArray((doc as { messages?: unknown[] }).messages) ? (doc as { messages: unknown[] }).messages.length : 0;
    return { lines: [`${name}: valid (${plural(count, 'message')})`], failed: false };
  }
  const line = (p: Problem) => [`  ${p.level === 'error' ? 'error  ' : 'warning'} ${p.path}: ${p.message}`, ...(p.hint ? [`          hint: ${p.hint}`] : [])];
  return {
    lines: [`${name}: ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`, ...[...errors, ...warnings].flatMap(line)],
    failed: errors.length > 0,
  };
}

export function main(args: string[], read: (file: string) => string = (file) => readFileSync(file === '-' ? 0 : file, 'utf8')): number {
  const [command, ...files] = args;
  if (command !== 'validate' || !files.length) {
    console.error(USAGE);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = read(file);
    } catch (error) {
      console.error(`${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
      failed = true;
      continue;
    }
    const result = report(file === '-' ? 'stdin' : file, text);
    console.log(result.lines.join('\n'));
    failed ||= result.failed;
  }
  return failed ? 1 : 0;
}
