import { AksLabsError } from '../../core/errors';

/**
 * A line of a `.env` file that could not be read. Its message names the line by number, and
 * a key only where the line is sure to name one; it never repeats the line's text (or any
 * other line's), which may hold a secret.
 */
export interface DotEnvProblem {
  /** The line number, from 1. */
  readonly line: number;
  /** What is wrong with it. */
  readonly message: string;
}

/** At most this many problems are listed one by one; the lines of the others are summed up. */
const LISTED_PROBLEMS = 20;

/** Line numbers as ranges: `1-3, 7, 9-12`. */
function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    ranges.push(start === sorted[i] ? `${start}` : `${start}-${sorted[i]}`);
  }
  return ranges.join(', ');
}

function describeProblems(problems: readonly DotEnvProblem[], file: string | undefined, readable: boolean): string {
  const where = file ?? 'the .env text';
  const note = '(line texts are not shown: they may hold secrets)';
  if (!readable && problems.length > 1) {
    return `${where} is not a .env file: none of its lines is KEY=value (lines ${lineRanges(problems.map((p) => p.line))} are not) ${note}`;
  }
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  line ${p.line}: ${p.message}`);
  const rest = problems.slice(LISTED_PROBLEMS);
  if (rest.length > 0) listed.push(`  and ${rest.length} more: lines ${lineRanges(rest.map((p) => p.line))}`);
  return `${where} has lines that are not KEY=value:\n${listed.join('\n')}\n  ${note}`;
}

/** Thrown by {@link parseDotEnv} when a line cannot be read; lists every such line, by number, never by its text. */
export class DotEnvError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** The lines that could not be read. */
    public readonly problems: readonly DotEnvProblem[],
    /** The file, when known. */
    public readonly file?: string,
    /**
     * Whether any line of the text was KEY=value; when none was (and more than one was not),
     * the text is reported as not a `.env` file at all, by line numbers only.
     * @default true
     */
    readable: boolean = true,
  ) {
    super(describeProblems(problems, file, readable), 'DotEnvError');
  }
}

/** A variable read from a `.env` file, with where it was set. */
export interface DotEnvEntry {
  /** Its value. */
  readonly value: string;
  /** The line it is set on, from 1 (the last line that sets it). */
  readonly line: number;
  /** The line its value ends on: after `line` when a quoted value goes on over lines. */
  readonly lastLine: number;
}

/** Options of {@link parseDotEnv} and {@link parseDotEnvEntries}. */
export interface ParseDotEnvOptions {
  /**
   * Variables the caller reads. A line without `=` that starts with one of them is reported
   * with its name; a quoted value that goes on over lines and takes in a line setting one of
   * them is an error (its quote was most likely left open by mistake).
   * @default - none: such lines are reported by number only
   */
  readonly knownKeys?: Iterable<string>;
}

const ASSIGNMENT = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)$/s;
/** A line's first word when it is a variable name: followed by anything but a name character. */
const LEADING_NAME = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])/;
const ESCAPES: Record<string, string> = { 'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\' };

/** A quoted value starting at `text[0]`: its content and what follows the closing quote, or undefined when it does not close. */
function readQuoted(text: string): { value: string; rest: string } | undefined {
  const quote = text[0];
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return { value, rest: text.slice(i + 1) };
    if (c === '\\' && quote === '"' && i + 1 < text.length && text[i + 1] in ESCAPES) {
      value += ESCAPES[text[++i]];
    } else {
      value += c;
    }
  }
  return undefined;
}

/** Why a line is not KEY=value, without its text: its name only when it starts with a known one. */
function notAnAssignment(line: string, known: ReadonlySet<string>): string {
  const name = LEADING_NAME.exec(line)?.[1];
  if (name !== undefined && known.has(name)) return `${name} is not followed by "=" (write ${name}=value)`;
  if (line.includes('=')) return 'the name before "=" is not a variable name (letters, digits and _, not starting with a digit)';
  return 'no "=" (a line is KEY=value, a # comment or blank)';
}

/**
 * The text of a `.env` file: a string as it is, bytes as UTF-8, with a problem for each line
 * that is not UTF-8 (its key named when the line sets one).
 */
function decode(text: string | Uint8Array, problems: DotEnvProblem[]): string[] {
  if (typeof text === 'string') return text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // ignoreBOM keeps a byte order mark at the start of a line: only the file's first one is dropped.
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
  const lines: string[] = [];
  let start = 0;
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  for (let number = 1; start <= bytes.length; number++) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end < 0 ? bytes.length : end);
    let line: string;
    try {
      line = strict.decode(slice);
    } catch {
      line = lenient.decode(slice);
      const key = ASSIGNMENT.exec(line.trim())?.[1];
      problems.push({ line: number, message: key === undefined ? 'not UTF-8 text' : `the value of ${key} is not UTF-8 text` });
    }
    lines.push(line.replace(/\r$/, ''));
    if (end < 0) break;
    start = end + 1;
  }
  if (lines.length > 0) lines[0] = lines[0].replace(/^\uFEFF/, '');
  return lines;
}

/**
 * {@link parseDotEnv} with where each variable is set: the line of its key and the line its
 * value ends on.
 */
export function parseDotEnvEntries(text: string | Uint8Array, file?: string, options: ParseDotEnvOptions = {}): Map<string, DotEnvEntry> {
  const known = new Set(options.knownKeys ?? []);
  const problems: DotEnvProblem[] = [];
  const lines = decode(text, problems);
  const entries = new Map<string, DotEnvEntry>();
  let assignments = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      problems.push({ line: start, message: notAnAssignment(line, known) });
      continue;
    }
    assignments++;
    const [, key, raw] = match;
    if (!['"', "'", '`'].includes(raw[0])) {
      const comment = raw.search(/[ \t]#/);
      entries.set(key, { value: (comment >= 0 ? raw.slice(0, comment) : raw).trim(), line: start, lastLine: start });
      continue;
    }
    // A quoted value may go on over the following lines.
    let quoted = readQuoted(raw);
    let rawText = raw;
    while (quoted === undefined && i + 1 < lines.length) {
      rawText += `\n${lines[++i]}`;
      quoted = readQuoted(rawText);
    }
    if (quoted === undefined) {
      problems.push({ line: start, message: `the ${raw[0]} quote of ${key} is never closed` });
      continue;
    }
    const takenIn = lines.slice(start, i + 1).flatMap((taken, k) => {
      const name = ASSIGNMENT.exec(taken.trim())?.[1];
      return name !== undefined && known.has(name) ? [{ line: start + 1 + k, name }] : [];
    });
    if (takenIn.length > 0) {
      const what = takenIn.map((t) => `line ${t.line}, which sets ${t.name}`).join(', and ');
      problems.push({ line: start, message: `the ${raw[0]} quote of ${key} is not closed on its line, so its value takes in ${what}: close the quote on line ${start}` });
      continue;
    }
    const rest = quoted.rest.trim();
    if (rest !== '' && !rest.startsWith('#')) {
      const opened = i + 1 === start ? '' : `, opened on line ${start} (is a quote left open there?)`;
      problems.push({ line: i + 1, message: `text follows the closing ${raw[0]} quote of ${key}${opened}; only a # comment may` });
      continue;
    }
    entries.set(key, { value: quoted.value, line: start, lastLine: i + 1 });
  }
  if (problems.length > 0) {
    // One problem a line (a line that is not UTF-8 is that first), in line order.
    const byLine = new Map<number, DotEnvProblem>();
    for (const problem of problems) if (!byLine.has(problem.line)) byLine.set(problem.line, problem);
    throw new DotEnvError([...byLine.values()].sort((a, b) => a.line - b.line), file, assignments > 0);
  }
  return entries;
}

/**
 * Reads a `.env` file the way dotenv does, and the way the workshop writes it
 * (`KEY="value"` lines appended with `cat <<EOF >> .env`):
 *
 * - `KEY=value`, with an optional `export ` before it; blank lines and `#` comments;
 * - values in double quotes (with `\n`, `\t`, `\"` and `\\` escapes, and line breaks inside),
 *   single quotes or backquotes (taken as written), each optionally followed by a `# comment`;
 * - unquoted values are trimmed, and a ` #` starts a comment;
 * - Windows line ends and a byte order mark are accepted; a later line wins over an earlier one.
 *
 * Values are not expanded (`$(...)` and `${...}` stay as written: the workshop's heredoc already
 * expanded them). A line that is none of these, a quote that never closes, or (given as bytes)
 * a line that is not UTF-8 is an error ({@link DotEnvError}) naming every such line by number,
 * rather than a line silently skipped. The error never shows a line's text, which may hold a
 * secret; a text of which no line is KEY=value is reported as not a `.env` file.
 */
export function parseDotEnv(text: string | Uint8Array, file?: string, options: ParseDotEnvOptions = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, entry] of parseDotEnvEntries(text, file, options)) values[key] = entry.value;
  return values;
}
