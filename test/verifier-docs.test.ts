import * as fs from 'fs';
import * as path from 'path';
import { MODEL_COVERAGE } from '../src';

const PAGE = path.join(__dirname, '..', 'docs', 'verifier.md');

/** The coverage table as the docs write it: one row per kind and part. */
function coverageTable(): string {
  const code = (names: readonly string[]) => (names.length === 0 ? '—' : names.map((n) => (n.startsWith('every') ? n : `\`${n}\``)).join(', '));
  return [
    '| kinds | part | fields the model reads | fields that cannot change a verdict | any other field |',
    '| --- | --- | --- | --- | --- |',
    ...MODEL_COVERAGE.map((row) => `| ${row.kinds} | ${row.part} | ${code(row.understood)} | ${code(row.ignored)} | ${row.otherwise} |`),
  ].join('\n');
}

describe('docs/verifier.md', () => {
  test("its coverage table is the model's field list", () => {
    const text = fs.readFileSync(PAGE, 'utf8');
    const start = text.indexOf('<!-- coverage:start -->');
    const end = text.indexOf('<!-- coverage:end -->');
    expect([start >= 0, end > start]).toEqual([true, true]);
    // On a difference, paste the table this prints between the markers.
    expect(text.slice(start + '<!-- coverage:start -->'.length, end).trim()).toBe(coverageTable());
  });
});
