import { App, Yaml } from 'cdk8s';
import { addSection, parseManifestYaml, synthesizeManifests, WORKSHOP_SECTIONS } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { ManifestEmitter } from '../src/core/manifest-emitter';

/** Scalars Kubernetes (YAML 1.1) could read as something else, or that need quoting or a block. */
const NASTY_STRINGS = [
  '', ' ', 'yes', 'Yes', 'YES', 'no', 'on', 'Off', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '0400', '0o17', '0x1F', '0b101', '1e3', '1_000',
  '-1', '+1', '.5', '.inf', '-.Inf', '.NaN', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=', '53', '3.14', '1.0e+3',
  'a: b', 'a:b', 'a #b', 'a# b', '#x', '- dash', '-dash', '? q', ': c', '[x]', '{x}', 'a, b', '&anchor', '*alias', '!tag', '|pipe', '>fold',
  "'single'", '"double"', '%percent', '@at', '`tick`', ' lead', 'trail ', 'tab\there', 'é ü 日本', 'emoji 🙂', 'back\\slash',
  'line\n', 'two\nlines', 'two\nlines\n', 'ends\n\n', '  indented\nblock', 'cr\r\nlf', 'trailing space \nline', '\nstarts with newline',
  'a'.repeat(200), `${'word '.repeat(60)}end`, 'http://example.com/a?b=c#d', '*.microsoft.com', 'app.kubernetes.io/name', 'key=value',
];
const NASTY_VALUES: unknown[] = [...NASTY_STRINGS, 0, -0, 1, -7, 3.5, 1e21, 2 ** 53, true, false, null, [], {}];

/** A small seeded PRNG (Park and Miller's), so that a failing case can be reproduced. */
function random(seed: number): () => number {
  let state = seed % 2147483647;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const roll = next();
  if (depth > 3 || roll < 0.5) return structuredClone(pick(NASTY_VALUES));
  const size = Math.floor(next() * 4);
  if (roll < 0.75) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, () => [pick(NASTY_STRINGS), randomValue(next, depth + 1)]));
}

const cdk8s = (docs: readonly unknown[]) => Yaml.stringify(...docs);

/** Words the emitter writes bare without asking cdk8s: letters, digits and `_./-`, with the YAML 1.1 words among them. */
function randomWord(next: () => number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-';
  const words = ['Y', 'N', 'yes', 'No', 'TRUE', 'False', 'ON', 'oFF', 'Null', 'e3', 'E1', 'x0', 'inf', 'nan', 'Inf', 'NaN', 'a.', 'a-', 'a/b', 'a..b'];
  if (next() < 0.3) return words[Math.floor(next() * words.length)];
  return Array.from({ length: 1 + Math.floor(next() * 8) }, (_, i) => chars[Math.floor(next() * (i === 0 ? 52 : chars.length))]).join('');
}

describe('the manifest emitter writes what cdk8s writes, faster', () => {
  test.each([['workshop'], ['hardened']] as const)('every %s bundle is byte-identical to Yaml.stringify and reads back as the same objects', (profile) => {
    const app = new App({ outdir: 'unused' });
    const settings = { ...SAMPLE_SETTINGS, rabbitmqUsername: 'user', rabbitmqPassword: 'p: #1 yes', mysqlRootPassword: 'root' };
    for (const section of WORKSHOP_SECTIONS) addSection(app, section, { settings, profile });
    for (const file of synthesizeManifests(app)) {
      expect(file.yaml).toBe(`---\n${cdk8s(file.objects)}`);
      expect(parseManifestYaml(file.yaml)).toEqual(JSON.parse(JSON.stringify(file.objects)));
    }
  });

  test('500 random documents of awkward scalars: identical text, and YAML 1.1 reads back the same values', () => {
    const next = random(20261123);
    const emitter = new ManifestEmitter();
    for (let i = 0; i < 500; i++) {
      const doc = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 5) }, (_, k) => [`${NASTY_STRINGS[(i + k) % NASTY_STRINGS.length]}`, randomValue(next, 0)]));
      const text = emitter.stringify([doc]);
      // cdk8s writes a key << bare, which YAML 1.1 reads as a merge key; the emitter quotes it.
      expect({ i, text }).toEqual({ i, text: cdk8s([doc]).replace(/^(\s*(?:- )*)<<:/gm, '$1"<<":') });
      // Through JSON on both sides: JSON has no -0 (Kubernetes reads it as 0 too).
      expect(JSON.parse(JSON.stringify(parseManifestYaml(text)))).toEqual([JSON.parse(JSON.stringify(doc))]);
    }
  });

  test('an object reached twice is written twice, where the yaml library writes an anchor and an alias', () => {
    const labels = { app: 'web' };
    const doc = { selector: { matchLabels: labels }, template: { metadata: { labels } } };
    const text = new ManifestEmitter().stringify([doc]);
    expect(cdk8s([doc])).toContain('&a1');
    expect(text).toBe('selector:\n  matchLabels:\n    app: web\ntemplate:\n  metadata:\n    labels:\n      app: web\n');
    expect(parseManifestYaml(text)).toEqual(parseManifestYaml(cdk8s([doc])));
  });

  test('2,000 random words and numbers are written as cdk8s writes them', () => {
    const next = random(7);
    const values = [
      ...Array.from({ length: 2000 }, () => randomWord(next)),
      ...Array.from({ length: 200 }, () => Math.round((next() - 0.5) * 2 ** (next() * 60))), 2 ** 53 - 1, -(2 ** 53) + 1, 0,
    ];
    const doc = Object.fromEntries(values.map((v, i) => [typeof v === 'string' ? v : `k${i}`, v]));
    expect(new ManifestEmitter().stringify([doc, values])).toBe(cdk8s([doc, values]));
  });

  test('2,000 random strings that start with a YAML indicator are written as cdk8s writes them', () => {
    const next = random(11);
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const values = Array.from({ length: 2000 }, () => '*&!%@`,[]{}#|>\'"-?: '[Math.floor(next() * 21)]
      + Array.from({ length: Math.floor(next() * 12) }, () => printable[Math.floor(next() * printable.length)]).join(''));
    const doc = Object.fromEntries(values.map((v, i) => [`k${i}`, v]));
    expect(new ManifestEmitter().stringify([doc, values])).toBe(cdk8s([doc, values]));
  });

  test.each([
    ['a value that is undefined', { a: undefined, b: 1 }],
    ['a class instance', { a: new Date(0) }],
    ['an empty document', {}],
    ['a list document', [1, { a: 'x' }]],
  ])('%s falls back to (or matches) Yaml.stringify', (_what, doc) => {
    expect(new ManifestEmitter().stringify([doc, { z: 'two docs' }])).toBe(cdk8s([doc, { z: 'two docs' }]));
  });
});
