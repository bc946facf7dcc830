/**
 * Reads a `.env` file the way the workshop writes it (`KEY="value"` lines appended with
 * `cat <<EOF >> .env`): `KEY=value`, `KEY="value"`, `KEY='value'`, an optional `export `,
 * blank lines and `#` comments. Values are taken literally: `$(...)` and `${...}` are not
 * expanded (the workshop's heredoc already expanded them when it wrote the file).
 */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    values[key] = unquote(rest);
  }
  return values;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.lastIndexOf(quote);
    if (end > 0) return value.slice(1, end);
  }
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}
