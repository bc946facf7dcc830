import { App, Yaml } from 'cdk8s';
import { addSection, parseManifestYaml, synthesizeManifests, WORKSHOP_SECTIONS } from '../src';
import { describeWithGoYaml, readManyWithGoYaml } from './support/go-yaml';
import { SAMPLE_SETTINGS } from './support/synth';
import { ManifestEmitter, ManifestTextError } from '../src/core/manifest-emitter';

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

/**
 * cdk8s's text with the emitter's deliberate fixes: a key `<<` quoted (YAML 1.1 reads a bare
 * one as a merge key), and `0o17` quoted as a key or value (go-yaml, and so kubectl, reads it
 * bare as the number 15).
 */
const cdk8sFixed = (docs: readonly unknown[]) => cdk8s(docs)
  .replace(/^(\s*(?:- )*)<<:/gm, '$1"<<":')
  .replace(/^(\s*(?:- )*)0o17:/gm, '$1"0o17":')
  .replace(/^(\s*(?:- )+|.*: )0o17$/gm, '$1"0o17"');

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
      // cdk8s writes a key << bare, which YAML 1.1 reads as a merge key, and 0o17, which go-yaml reads as 15; the emitter quotes them.
      expect({ i, text }).toEqual({ i, text: cdk8sFixed([doc]) });
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

/**
 * Characters YAML cannot carry as they are, and where they could sit: go-yaml (kubectl's reader)
 * refuses DEL, C1 controls, U+FFFE and U+FFFF raw, reads U+0085, U+2028 and U+2029 as line
 * breaks, drops U+FEFF at a document's start, and refuses a tab where a block scalar's
 * indentation is found.
 */
const TRICKY_CHARACTERS = [
  '\x00', '\x01', '\x07', '\x08', '\t', '\x0b', '\x0c', '\r', '\x1b', '\x1f', '\x7f', '\x80', '\x85', '\x9f', '\xa0',
  '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u{1F642}',
];
const TRICKY_STRINGS = [
  ...TRICKY_CHARACTERS.flatMap((c) => [c, `pa${c}ss`, `${c}lead`, `trail${c}`, `p: #1${c}`, `${c}\nline 2\n`, `line 1\n${c}`, ` ${c}\n`, `${c}${c}`]),
  'pa\u0085ss', '\tb\nc\n', '\n\tb\n', '\t\n', ' \n', ' \n \n', '\n   \nb', 'a\n   \n', '  \n', '\n  b', 'x\n \tb', '\x85\x85', 'a\u2028\u2029b',
];

describeWithGoYaml('the manifest emitter writes what kubectl reads back as the same values (go-yaml)', () => {
  test.each([['workshop'], ['hardened']] as const)('every %s bundle', (profile) => {
    const app = new App({ outdir: 'unused' });
    const settings = { ...SAMPLE_SETTINGS, rabbitmqUsername: 'user', rabbitmqPassword: 'p: #1 yes', mysqlRootPassword: 'root' };
    for (const section of WORKSHOP_SECTIONS) addSection(app, section, { settings, profile });
    const files = synthesizeManifests(app);
    const read = readManyWithGoYaml(files.map((f) => f.yaml));
    files.forEach((file, i) => {
      const documents = file.objects.map((o) => ({ json: JSON.parse(JSON.stringify(o)) }));
      expect({ file: file.fileName, documents: read[i] }).toEqual({ file: file.fileName, documents });
    });
  });

  test('500 random documents of awkward scalars (the first test\'s) read back the same', () => {
    const next = random(20261123);
    const emitter = new ManifestEmitter();
    const docs = Array.from({ length: 500 }, (_, i) => Object.fromEntries(
      Array.from({ length: 1 + Math.floor(next() * 5) }, (__, k) => [`${NASTY_STRINGS[(i + k) % NASTY_STRINGS.length]}`, randomValue(next, 0)])));
    const read = readManyWithGoYaml(docs.map((doc) => emitter.stringify([doc])));
    docs.forEach((doc, i) => expect({ i, read: read[i] }).toEqual({ i, read: [{ json: JSON.parse(JSON.stringify(doc)) }] }));
  });

  test('each tricky string, as a value, an item and a key, at the top and nested: go-yaml and the yaml library read it back', () => {
    const emitter = new ManifestEmitter();
    const docs = TRICKY_STRINGS.map((value) => ({ value, [value]: value, list: [value, [value]], nested: { deeper: { [value]: [{ value }] } } }));
    const texts = docs.map((doc) => emitter.stringify([doc]));
    const read = readManyWithGoYaml(texts);
    docs.forEach((doc, i) => {
      expect({ value: TRICKY_STRINGS[i], read: read[i] }).toEqual({ value: TRICKY_STRINGS[i], read: [{ json: doc }] });
      expect({ value: TRICKY_STRINGS[i], read: parseManifestYaml(texts[i]) }).toEqual({ value: TRICKY_STRINGS[i], read: [doc] });
    });
  });

  test('300 random documents mixing tricky and awkward strings read back the same; where none is tricky, the text is cdk8s\'s', () => {
    const next = random(4242);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const emitter = new ManifestEmitter();
    const docs = Array.from({ length: 300 }, () => Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      const value = next() < 0.5 ? pick(TRICKY_STRINGS) : randomValue(next, 1);
      return [next() < 0.3 ? pick(TRICKY_STRINGS) : pick(NASTY_STRINGS), next() < 0.3 ? [value, { k: pick(TRICKY_STRINGS) }] : value];
    })));
    const texts = docs.map((doc) => emitter.stringify([doc]));
    const read = readManyWithGoYaml(texts);
    docs.forEach((doc, i) => {
      const json = JSON.parse(JSON.stringify(doc));
      expect({ i, read: read[i] }).toEqual({ i, read: [{ json }] });
      expect({ i, read: JSON.parse(JSON.stringify(parseManifestYaml(texts[i]))) }).toEqual({ i, read: [json] });
    });
    // Strings without tricky characters are still written as cdk8s writes them.
    const plain = docs.filter((doc) => !TRICKY_STRINGS.some((t) => JSON.stringify(doc).includes(JSON.stringify(t).slice(1, -1))));
    expect(plain.length).toBeGreaterThan(10);
    for (const doc of plain) expect(emitter.stringify([doc])).toBe(cdk8sFixed([doc]));
  });

  test('strings go-yaml would read as numbers (Go\'s 0o, 0X, 0B prefixes; underscores anywhere) are quoted', () => {
    const emitter = new ManifestEmitter();
    const values = ['0o17', '0O17', '0X1F', '0B1', '-_1', '+_9', '1e_3', '8E4_', '0_o7_', '._5', '-0o7'];
    const text = emitter.stringify([Object.fromEntries(values.map((v) => [v, v]))]);
    expect(text).toBe(values.map((v) => `"${v}": "${v}"\n`).join(''));
    expect(readManyWithGoYaml([text])).toEqual([[{ json: Object.fromEntries(values.map((v) => [v, v])) }]]);
  });

  test('what the emitter writes for each character YAML cannot carry as it is', () => {
    const emitter = new ManifestEmitter();
    const written = (value: string) => emitter.stringify([{ v: value }]).slice('v: '.length, -1);
    const characters = ['\x7f', '\x80', '\x85', '\x9f', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\x01', '\x1b'];
    expect(characters.map((c) => [c, written(`pa${c}ss`)])).toEqual([
      ['\x7f', '"pa\\x7fss"'], ['\x80', '"pa\\x80ss"'], ['\x85', '"pa\\Nss"'], ['\x9f', '"pa\\x9fss"'], ['\u2028', '"pa\\Lss"'], ['\u2029', '"pa\\Pss"'],
      ['\ufeff', '"pa\\ufeffss"'], ['\ufffe', '"pa\\ufffess"'], ['\uffff', '"pa\\uffffss"'], ['\x01', '"pa\\x01ss"'], ['\x1b', '"pa\\ess"'],
    ]);
    // A block scalar whose first line starts with a tab: go-yaml would take the tab for indentation.
    expect(written('\tb\nc\n')).toBe('"\\tb\\nc\\n"');
    expect(emitter.stringify([{ 'a\u2028b': 1 }])).toBe('"a\\Lb": 1\n');
  });

  test('a document that is not JSON-shaped falls back to Yaml.stringify, or to its JSON form when it holds a tricky string', () => {
    const emitter = new ManifestEmitter();
    expect(emitter.stringify([{ a: undefined, b: 'x' }])).toBe(cdk8s([{ a: undefined, b: 'x' }]));
    const text = emitter.stringify([{ a: undefined, b: 'pa\x85ss', c: new Date(0) }]);
    expect(text).toBe('b: "pa\\Nss"\nc: "1970-01-01T00:00:00.000Z"\n');
    expect(readManyWithGoYaml([text])).toEqual([[{ json: { b: 'pa\x85ss', c: '1970-01-01T00:00:00.000Z' } }]]);
  });
});

describe('the manifest emitter refuses what UTF-8 cannot carry', () => {
  test.each([
    ['a value', { kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, stringData: { password: 'zq\ud800xv' } }, 'Secret shop/db (document 2), stringData.password'],
    ['an item', { kind: 'ConfigMap', metadata: { name: 'c' }, data: { list: ['a', 'zq\udfff'] } }, 'ConfigMap c (document 2), data.list[1]'],
    ['a key', { data: { 'zq\udc00': 'v' } }, 'document 2, data["(a key)"] (the key itself)'],
  ])('a lone surrogate in %s: an error naming where, never the string', (_what, doc, where) => {
    const write = () => new ManifestEmitter().stringify([{ a: 1 }, doc]);
    expect(write).toThrow(ManifestTextError);
    expect(write).toThrow(`cannot write the string at ${where}: it holds a lone UTF-16 surrogate`);
    expect(write).not.toThrow(/zq|xv/);
  });
});

