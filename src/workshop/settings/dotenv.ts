import { AksLabsError } from '../../core/errors';
/** A line of a `.env` file that could not be read. */
export interface DotEnvProblem {
  /** The line number, from 1. */
  readonly line: number;
  /** What is wrong with it. */
  readonly message: string;
}

/** Thrown by {@link parseDotEnv} when a line cannot be read; lists every such line. */
export class DotEnvError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** The lines that could not be read. */
    public readonly problems: readonly DotEnvProblem[],
    /** The file, when known. */
    public readonly file?: string,
  ) {
    super(`${file ?? 'the .env text'} has lines that are not KEY=value:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`, 'DotEnvError');
  }
}

const ASSIGNMENT = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)$/s;
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
 * expanded them). A line that is none of these, or a quote that never closes, is an error
 * ({@link DotEnvError}) naming every such line, rather than a line silently skipped.
 */
export function parseDotEnv(text: string, file?: string): Record<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values: Record<string, string> = {};
  const problems: DotEnvProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      problems.push({ line: start, message: `${JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line)} is not KEY=value` });
      continue;
    }
    const [, key, raw] = match;
    if (!['"', "'", '`'].includes(raw[0])) {
      const comment = raw.search(/[ \t]#/);
      values[key] = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
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
    const rest = quoted.rest.trim();
    if (rest !== '' && !rest.startsWith('#')) {
      problems.push({ line: i + 1, message: `${JSON.stringify(rest)} after the closing quote of ${key} (only a # comment may follow)` });
      continue;
    }
    values[key] = quoted.value;
  }
  if (problems.length > 0) throw new DotEnvError(problems, file);
  return values;
}
