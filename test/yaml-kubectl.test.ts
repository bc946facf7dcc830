import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { describeWithGoYaml, GoYamlDocument, readManyWithGoYaml } from './support/go-yaml';
import { tempDir } from './support/temp';
import { parseManifestYaml, readManifestPaths, readYamlText, SourceDocument } from '../src/analysis/read';

// The manifest reader (src/analysis/read) against kubectl's own YAML reader (go-yaml v2 through
// sigs.k8s.io/yaml, built by tools/go-yaml-reader): over a corpus of tricky documents and over
// every bundle the project writes, each document must give the same JSON or be refused by both.
//
// The reader refuses duplicate keys as YAMLToJSONStrict does, but applies merge keys (<<) as
// plain YAMLToJSON does (a key after a merge overrides it; strict mode would refuse that), so:
// a document the reader accepts must give what YAMLToJSON gives, and one it refuses must be
// refused by YAMLToJSONStrict, save for the few deliberate refusals listed below.

/** Inputs go-yaml accepts that the reader refuses on purpose, with why. */
const DELIBERATE_REFUSALS: ReadonlyArray<readonly [input: string, reason: string]> = [
  ['1: a\n"1": b\n', 'two keys go-yaml keeps apart (an int and a string) become one JSON key, of which sigs.k8s.io/yaml keeps one at random'],
  ['1: a\n1.0: b\n', 'an int key and a float key that become the same JSON key'],
  ['true: a\n"true": b\n', 'a boolean key and a string key that become the same JSON key'],
  ['.nan: a\n.NaN: b\n', 'two NaN keys (never equal in Go) that become the same JSON key'],
  ['&k .nan: 1\n*k : 2\n', 'a NaN key and an alias to it'],
  ['\ufeff\ufeffa: 1\n', 'a byte order mark at the start of a line, which go-yaml skips or keeps depending on what its buffer holds'],
  ['a: 1\n\ufeffb: 2\n', 'a byte order mark at the start of a line'],
];

const u16 = (text: string, bigEndian: boolean): Buffer => {
  const bytes = Buffer.from(text, 'utf16le');
  if (bigEndian) bytes.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bytes]);
};

/** Tricky YAML: every YAML 1.1 scalar form, tags, quoting, keys, merges, anchors, collections, markers, breaks, encodings, nesting. */
function corpus(): Array<string | Buffer> {
  const out: Array<string | Buffer> = [];
  // Scalars, each as a value, a key, a block item and a flow item.
  const scalars = [
    // booleans, in every case
    'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'true', 'True', 'TRUE', 'tRUE', 'on', 'On', 'ON', 'oN',
    'n', 'N', 'no', 'No', 'NO', 'nO', 'false', 'False', 'FALSE', 'fALSE', 'off', 'Off', 'OFF', 'oFF', 'yes!', 'Yes?',
    // nulls
    '~', 'null', 'Null', 'NULL', 'nULL', '',
    // integers in every base, with signs and underscores, at and past the 64-bit bounds
    '0', '-0', '+0', '00', '012', '0o12', '0O12', '0o', '0x1F', '0X1f', '0x', '0xg', '0b101', '0B101', '0b', '0b-101', '0b+1',
    '-0b101', '-0b-1', '+0x1F', '-0x1F', '1_000', '_1000', '1000_', '1__0', '0x_1F', '0_7', '0b1_0',
    '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809', '18446744073709551615',
    '18446744073709551616', '+18446744073709551615', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', `0b${'1'.repeat(64)}`, `0b${'1'.repeat(65)}`,
    '-0x8000000000000000', '0777', '0778', '08', '09.5', '0009',
    // floats, infinities, NaN
    '1e3', '1E3', '1e+3', '1e-3', '1.5e3', '1.0', '1.', '.5', '+.5', '-.5', '0.1', '1.5_5', '._5', '.5_5', '.5e1_0', '.5_', '.5e',
    '1e400', '-1e400', '1e-400', '3.14159265358979323846', '6.02e23', '1_0.5', '123456789012345678901234567890', '-1.5e-7', '1e21',
    '1e20', '0.0', '-0.0', '+0.0', '0e0', '-0e0', '.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '.iNf', '.nan', '.NaN', '.NAN',
    '-.nan', 'nan', 'NaN', 'inf', 'Inf', 'infinity', '+inf', '0x1p3', '1.0e', '1e', 'e3',
    // dates, times, sexagesimals
    '2024-01-15', '2024-1-5', '2024-01-15T10:00:00Z', '2024-01-15t10:00:00.5+01:00', '2024-01-15 10:00:00', '2001-12-14 21:59:43.10 -5',
    '2024-02-30', '2024-13-01', '1:34:32', '190:20:30', '12:30', '-1:30', '1_2:30',
    // look-alikes and indicators inside plain scalars
    '+', '-', '.', '..', '...x', '=', '<<', 'a:b', ':a', '?a', '-a', '--a', 'a#b', 'http://x.y/z?q=1#f', '1,000', '1 000',
  ];
  for (const scalar of scalars) {
    out.push(`v: ${scalar}\n`, `- ${scalar}\n`, `[${scalar}]\n`);
    if (scalar !== '') out.push(`${scalar}: v\n`);
  }
  // Tags: the YAML ones on fitting and unfitting values, unknown, verbatim, escaped, undefined handles, on collections.
  const tagged = [
    '!!str 123', '!!str yes', '!!str', '!!int "12"', '!!int 12.5', '!!int abc', '!!int', '!!int 0x1F', '!!int "1_000"', '!!float 1',
    '!!float "1.5"', '!!float 18446744073709551615', '!!float .inf', '!!float abc', '!!bool yes', '!!bool "true"', '!!bool 1', '!!bool',
    '!!null ~', '!!null ""', '!!null foo', '!!null', '!!binary aGk=', '!!binary "aGk="', '!!binary aGk', '!!binary "aGk\\n="', '!!binary a b',
    '!!binary //79', '!!binary gA==', '!!timestamp 2001-01-01', '!!timestamp 2001-02-30', '!!timestamp 5', '!!timestamp "2001-1-2 3:4:5"',
    '!!timestamp 2001-01-01T00:00:00+25:00', '!!timestamp 2001-1-2t3:4:5.25Z', '!!timestamp 2001-01-01 1:2', '!foo 12', '!foo', '! 12',
    '! "12"', '!<tag:yaml.org,2002:int> "7"', '!<!foo> x', '!<tag:yaml.org,2002:str> 7', '!!merge <<', '!!merge x', '!!set {a}',
    '!!omap [{a: 1}]', '!!%69nt 5', '!!%C3%A9 x', '!!%FF x', '!e!foo x', '!!seq [1]', '!!map {a: 1}', '!!str [1]', '!!int {a: 1}',
    '!!null [1]', '&a !!int 5', '!!int &a 5', '!foo!bar x', '!!str&a x',
  ];
  for (const tag of tagged) out.push(`v: ${tag}\n`, `- ${tag}\n`);
  out.push('v: !!binary |\n  aGVsbG8g\n  d29ybGQ=\n', 'v: !!binary >\n  aGVsbG8g\n  d29ybGQ=\n', '!!int 5: a\n', '!!float 1: a\n',
    '!!binary aGk=: v\n', '!!binary gA==: v\n', '!!timestamp 2001-01-01: v\n');
  // Quoted scalars: escapes, folding, markers inside, as values and keys.
  const quoted = [
    '"yes"', '\'yes\'', '"12"', '""', '\'\'', '"a\\tb"', '"\\x41\\u0042\\U00000043"', '"\\N\\_\\L\\P"', '"\\q"', '"\\x7f\\x80"', '"\\ud800"',
    '"\\U00110000"', '"\\0"', '"\\e\\a\\b\\f\\v\\r\\n"', '"\\/"', '"\\ "', '"\\\t"', '\'it\'\'s\'', '\'a\\nb\'', '"unterminated', '\'unterminated',
    '"a\n  b"', '"a\n\n  b"', '"a \n  b"', '"a\\\n  b"', '"a\\\n\n  b"', '\'a\n  b\'', '\'a\n\n\n  b\'', '"a\t\n  b"', '"  lead"', '"trail  "',
    '"a\n---\nb"', '"a\n...\nb"', '"a\nb"', '"\u00e9"', '"\ud83d\ude00"', '"\\ud83d\\ude00"', '"a"b', '"a" b', '"a" #c', '"a"#c',
  ];
  for (const q of quoted) out.push(`v: ${q}\n`, `${q}: v\n`);
  // Block scalars: chomping, indentation indicators, blank lines, tabs, markers inside.
  const blocks = [
    '|\n  a\n  b\n', '|-\n  a\n  b\n', '|+\n  a\n  b\n\n\n', '>\n  a\n  b\n\n  c\n', '>-\n  a\n  b\n', '>+\n  a\n\n', '|2\n   a\n  b\n', '|0\n  a\n',
    '|1-\n  a\n', '|-1\n  a\n', '| # c\n  a\n', '|x\n  a\n', '|\n\n\n  a\n', '|\n  a\n   b\n  c\n', '>\n  a\n   b\n  c\n', '>\n a\n\n   b\n c\n',
    '|\n\ta\n', '|\n  \ta\n', '|\n  a\n\n', '|\n', '|+\n', '>\n  a\n  ...\n  b\n', '|\n  a\n---\n  b\n', '|\n  a\r\n  b\r\n', '>\n  a  \n  b\n',
    '|\n    a\n  b\n', '|2-\n  a\n', '|9\n  a\n',
  ];
  for (const block of blocks) out.push(`v: ${block}`, `- ${block}`);
  out.push('|\n  top\n', '>\n folded\n top\n', '|\na\n', '--- |\n  a\n', 'v: |+\n  kept', 'v: |\n  last line without a break');
  // Keys of every type, and keys that collide once made JSON.
  out.push('1: a\n2: b\n', 'true: a\nyes: b\n', 'on: a\ny: b\n', '0x1F: a\n31: b\n',
    '1.5: a\n0.1: b\n1e7: c\n1e6: d\n100000: e\n123456.7: f\n0.0001: g\n0.00001: h\n', '3.14159265358979: a\n', '1e39: a\n-1e39: b\n',
    '.nan: a\n', '-0.0: a\n', '0.0: a\n', '-1.5e-7: a\n', '16777217.0: a\n', '0.3: a\n2.5e-3: b\n1.17549435e-38: c\n1e-45: d\n1e-46: e\n',
    '9223372036854775807: a\n', '-9223372036854775808: a\n', '18446744073709551615: a\n', 'null: a\n', ': a\n', '? a\n: b\n', '? a\n',
    '? [a]\n: b\n', '? {a: 1}\n: b\n', '&k a: 1\nb: *k\n', '&k a: 1\n*k : 2\n', '&k .nan: 1\nv: *k\n', 'a: &v {x: 1}\n*v : 2\n',
    '__proto__: 1\nconstructor: 2\ntoString: 3\n', '"__proto__": {a: 1}\n', 'a b: 1\n', '"a\\nb": 1\n', '? |\n  block\n: v\n', '? - a\n: b\n',
    '"a": 1\n\'a\': 2\n', 'a: 1\nb: 2\na: 3\n', `k${'x'.repeat(1020)}: v\n`, `k${'x'.repeat(1030)}: v\n`,
    `a:\n  k${'x'.repeat(1030)}: v\n`, `"${'x'.repeat(1030)}": v\n`, `[${'x'.repeat(1030)}: v]\n`, `{${'x'.repeat(1030)}: v}\n`);
  // Merge keys: aliases, lists, inline maps, overrides before and after, bad values, nesting, tags.
  out.push('base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  c: 3\n', 'base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  a: 9\n', 'base: &b {a: 1, b: 2}\nm:\n  a: 9\n  <<: *b\n',
    'x: &x {a: 1}\ny: &y {a: 2, b: 2}\nm:\n  <<: [*x, *y]\n', 'x: &x {a: 1}\ny: &y {a: 2, b: 2}\nm:\n  <<: [*y, *x]\n', 'm:\n  <<: {a: 1}\n',
    'm:\n  <<: [{a: 1}, {b: 2}]\n', 'm:\n  <<: 1\n', 'm:\n  <<: [1]\n', 'm:\n  <<: ~\n', 's: &s [{a: 1}]\nm:\n  <<: *s\n', 's: &s 5\nm:\n  <<: *s\n',
    'm:\n  "<<": {a: 1}\n', 'm:\n  !!merge <<: {a: 1}\n', 'm:\n  !!str <<: {a: 1}\n', 'v: <<\n', '- <<\n', 'm:\n  <<: {a: 1}\n  <<: {b: 2}\n',
    'b: &b {<<: {a: 1}, c: 2}\nm:\n  <<: *b\n', 'm:\n  <<: [*u]\n', 'm: {<<: {a: 1}, b: 2}\n', 'm:\n  <<: &z {a: 1}\nn: *z\n',
    'm:\n  <<: &z [{a: 1}]\nn: *z\n', 'm:\n  <<: {a: 1, a: 2}\n', 'm:\n  <<: [{a: 1}, {a: 2}]\n', 'm:\n  <<: [[{a: 1}]]\n', '<<: {a: 1}\n',
    '&m <<: {a: 1}\nv: *m\n', '- <<: {a: 1}\n  b: 2\n', 'm:\n  <<: {a: 1}\n  a: 1\n  a: 2\n');
  // Anchors and aliases: on scalars and collections, undefined, recursive, redefined, names, as keys.
  out.push('a: &x 1\nb: *x\n', 'a: *x\n', 'a: &x [*x]\n', 'a: &x {b: *x}\n', 'a: &x 1\na2: &x 2\nb: *x\n', 'a: &x [1, &x 2, *x]\nb: *x\n',
    'a: &a.b 1\n', 'a: &a-b_c9 1\nb: *a-b_c9\n', 'a: & 1\n', 'a: &x\nb: *x\n', 'a: &x\n  b: 1\nc: *x\n', '- &x a\n- *x\n- *x\n', '[&x a, *x]\n',
    '{&x a: *x}\n', 'a: *x y\n', 'a: &x !!int 5\nb: *x\n', 'a: !!int &x 5\nb: *x\n', '&x a\n', '&x [1]\n', '*x\n',
    'a: &x1 1\nb: &x2 [*x1, *x1]\nc: [*x2, *x2]\n', 'a: &\u00e9 1\n');
  // Alias expansion: a "billion laughs" go-yaml refuses, and big expansions it allows.
  let laughs = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
  let previous = 'a';
  for (const name of ['b', 'c', 'd', 'e']) {
    laughs += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
    previous = name;
  }
  out.push(laughs);
  out.push(`a: &a [${Array(1000).fill('x').join(',')}]\nb: [${Array(150).fill('*a').join(',')}]\n`);
  out.push(`a: &a [${Array(1000).fill('x').join(',')}]\nb: [${Array(5).fill('*a').join(',')}]\n`);
  out.push(`a: &a {${Array.from({ length: 200 }, (_, i) => `k${i}: v`).join(',')}}\nb: [${Array(20).fill('*a').join(',')}]\n`);
  // Flow collections.
  out.push('[a, b, c]\n', '[a, b, c,]\n', '[a, , b]\n', '[,]\n', '[]\n', '{}\n', '{a, b}\n', '{a: 1, b}\n', '{a:1}\n', '{a:b}\n', '{"a":1}\n',
    '{a: }\n', '{: a}\n', '{? a}\n', '{? a: b}\n', '[a: 1]\n', '[a: 1, b: 2]\n', '[? a : b]\n', '[? a]\n', '[a: ]\n', '[: a]\n',
    '{a: [b, {c: d}]}\n', '[a\n, b]\n', '[a,\nb]\n', '{a: 1,\n b: 2}\n', '[a, # c\n b]\n', '[a b, c d]\n', '[a\n  b]\n', '{a\n  b: c}\n',
    '[a]]\n', '[a\n', '{a: 1\n', '[a, [b, [c, [d]]]]\n', '{a: {b: {c: {}}}}\n', '[- a]\n', '[a, - b]\n', '[-a]\n', '{a: -}\n', '[a:b, c]\n',
    '[http://x]\n', '{url: http://x}\n', '[a #b]\n', '[a#b]\n', '[\'a\', "b"]\n', '["a":1]\n', '{"a":1,"b":[1,2]}\n', '[!!str 1, !!int "2"]\n',
    '[&x 1, *x]\n', '[a, b] c\n', '{a: 1} # c\n', '[a]: b\n', '{a: b}: c\n', '- [a, b]: c\n', '[*x]\n', '{a: [1,2]\n,b: 3}\n', '[a,\tb]\n',
    '{\ta: 1}\n', 'v: [a,\n  b]\n', 'v: [a,\nb]\n', 'v: {a: 1,\nb: 2}\n', '- [a,\n- b]\n', '[1, 2]\n3\n', '{a: 1} extra\n', '[1,2] foo: bar\n');
  // Block collections and indentation.
  out.push('a:\n- b\n- c\n', 'a:\n  - b\n  c: d\n', '- - a\n  - b\n- c\n', '- a: b\n  c: d\n', 'key:    value\n', '? a\n? b\n', 'a:\n\n  b: c\n',
    'a:\n  b: c\n d: e\n', 'a:\n  b: c\n    d: e\n', 'a: b\n  c: d\n', 'a: b\nc\n', 'a\nb: c\n', 'a: b: c\n', '- a\nb: c\n', 'a: 1\n- b\n',
    '- a\n  - b\n', 'a:\n  -\n  - b\n', '-\n- a\n', '- \n', 'a:\n', 'a: |\nb: c\n', 'a: >\n\nb: c\n', 'a:\n  b:\n    c:\n      d: e\n',
    '- - - a\n', 'a: [b]\n  c: d\n', 'a: {b: c}\nd: e\n', 'a: !!map\n  b: c\n', 'a: &x\n  - 1\nb: *x\n', 'a:\n- b\n-\n', '? - a\n  - b\n: c\n',
    '? a\n: b\n? c\n: d\n', 'a:\n  ? b\n  : c\n', '- ? a\n  : b\n', 'a: -b\n', 'a: - b\n', '- -b\n', 'a:\n -b\n', '---a\n', 'a:\n- b\n c\n',
    'plain\n  continued\n', 'a: plain\n  continued\n   more\n', 'a: plain\n\n  after blank\n', 'a: x\n#c\n  y\n', 'a: x # c\n  y\n',
    '\'a\n  b\': v\n', 'a\n', '  ---\na: 1\n');
  // Comments.
  out.push('# only\n', '#\n', 'a: 1 # c\n', 'a: 1# c\n', 'a: 1 #c\n#c\nb: 2\n', '# c\na: 1\n', '  # c\na: 1\n', 'a: # c\n  b\n', 'a: "x" # c\n',
    '- # c\n  a\n', 'a:\n  # c\n  b: 1\n', '#!/bin/x\na: 1\n');
  // Byte order marks.
  out.push('\ufeffa: 1\n', 'v: "\ufeff"\n', 'v: a\ufeffb\n', '\ufeff', '\ufeff# c\n', '\ufeff---\na: 1\n', 'a: 1\n---\n\ufeffb: 2\n',
    ...DELIBERATE_REFUSALS.map(([input]) => input));
  // "---" and "..." in odd places (kubectl's splitter decides before go-yaml).
  out.push('...\na: 1\n', '# c\n...\n', 'a: 1\n...\n', 'a: 1\n...\nb: 2\n', 'a: 1\n... # c\n', 'a: 1\n...x\n', 'a: 1\n ...\n', 'a: |\n  x\n...\n',
    '----\n', '---#c\na: 1\n', '--- #c\na: 1\n', '---\t\na: 1\n', '--- x\n', '---\n---\n', '---\n', '', '\n', '\n\n', 'a: ---\n', 'a:\n---\nb: 1\n',
    'a: 1\n---\n---\nb: 2\n', '- a\n...\n- b\n', '"a\n...\n"\n', '..\n', '... \n', 'a: 1\n...\n]]]\n', 'a: 1\n--- x\nb: 2\n---\nc: 3\n',
    'a: |\n  x\n---\n  y\n', '---\u00a0\na: 1\n');
  // Line ends: CRLF, lone CR, mixed.
  out.push('a: 1\r\nb: 2\r\n', 'a: 1\rb: 2\r', 'a: |\r\n  x\r\n  y\r\n', 'a: "x\r\n  y"\r\n', 'a: 1\r\n---\r\nb: 2\r\n', 'a: 1\r\r\nb: 2\n',
    'a: >\r\n  x\r\n\r\n  y\r\n', '---\r\na: 1\r\n', 'a: |+\r\n  x\r\n\r\n');
  // Tabs.
  out.push('a:\tb\n', 'a: \tb\n', '\ta: b\n', 'a:\n\tb: c\n', 'a:\n  b:\tc\n', '- \ta\n', '-\ta\n', 'a: b\t# c\n', 'a: b\t\n', 'a: |\n  \tb\n',
    'a: x\n \ty\n', 'a:\n  x\n\t y\n', '[\ta]\n', 'a\t: b\n', '? \ta\n', 'a:\t\n  b\n');
  // NEL, LS and PS: line breaks to go-yaml, not to kubectl's splitter.
  out.push('v: "x\u0085y"\n', 'v: "x\u2028y"\n', 'v: "x\u2029y"\n', 'v: x\u0085y\n', 'v: x\u2028y\n', 'a: 1\u0085b: 2\n', 'a: 1\u2028b: 2\n',
    'v: |\n  x\u0085  y\n', 'v: |\n  x\u2028y\n', 'v: \'x\u0085y\'\n', 'v: "x\u0085\u0085y"\n', 'v: >\n  x\u0085  y\n');
  // Control characters and invalid UTF-8, quoted, plain and in comments.
  for (const c of ['\x00', '\x01', '\x08', '\x0b', '\x0c', '\x1b', '\x7f', '\x80', '\x9f', '\ufffe', '\uffff']) out.push(`v: "x${c}y"\n`, `# ${c}\nv: 1\n`, `v: x${c}y\n`);
  const bytes = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  out.push(bytes('v: ', [0xff], '\n'), bytes('v: ', [0xc3], '\n'), bytes('v: ', [0xed, 0xa0, 0x80], '\n'), bytes('v: ', [0xc0, 0x80], '\n'),
    bytes('v: ', [0xf4, 0x90, 0x80, 0x80], '\n'), bytes('v: ', [0xe2, 0x82], '\n'), bytes('# ', [0xff], '\nv: 1\n'), bytes('a: 1\n---\nb: ', [0xff], '\n'));
  // UTF-16: go-yaml reads it (whole, as kubectl's splitter finds no "---" line in it), and UTF-16LE never survives the splitter.
  out.push(u16('a: 1\n', false), u16('a: 1\n', true), u16('a: 1', true), u16('a: 1\n---\nb: 2\n', true), u16('a: \u00e9\n', true));
  // Directives.
  out.push('%YAML 1.1\n---\na: 1\n', '%YAML 1.1\n', '%TAG ! tag:x\n', '%FOO\na: 1\n', 'a: 1\n%YAML 1.1\n', ' %YAML 1.1\n', 'v: %x\n', '%\n');
  // Deep nesting (the reader's default maxDepth is 1000).
  for (const depth of [10, 100, 500, 999]) {
    out.push(`${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    out.push(`${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`);
    out.push(`${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} v\n`);
    out.push(`${Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n')} v\n`);
  }
  // Characters that cannot start a token.
  out.push('@a\n', '`a\n', '%a\n', 'a: @b\n', 'a: `b\n', '|a\n', '>a\n', '!a\n', '&\n', '*\n', '?\n', ':\n', '-\n', 'a: ?\n', 'a: :\n', 'a: ?b\n',
    'a: :b\n', '? : \n');
  return out;
}

/** Several documents in one stream: pairs of corpus entries joined by separators kubectl accepts. */
function streams(entries: ReadonlyArray<string | Buffer>): string[] {
  const texts = entries.filter((e): e is string => typeof e === 'string' && !e.startsWith('{') && !e.startsWith('\ufeff'));
  const separators = ['---\n', '--- # c\n', '---\r\n', '\n---\n'];
  return texts.slice(0, 160).map((text, i) => {
    const other = texts[(i * 7 + 3) % texts.length];
    return `${text}${text.endsWith('\n') ? '' : '\n'}${separators[i % separators.length]}${other}`;
  });
}

/** A JSON value's canonical text: keys sorted, -0 kept apart from 0. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && Object.is(v, -0)) return '<-0>';
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

type Comparison = 'same' | 'both refuse' | 'deliberate' | 'merge (strict mode refuses)';

/** Compares the reader with go-yaml on one stream; a string describing the difference when they differ. */
function compare(input: string | Buffer, strict: GoYamlDocument[], loose: GoYamlDocument[]): Comparison | string {
  let documents: SourceDocument[] | undefined;
  let refusal: string | undefined;
  try {
    documents = readYamlText(Buffer.isBuffer(input) ? input : Buffer.from(input), 'corpus.yaml');
  } catch (error) {
    refusal = (error as Error).message;
  }
  const strictRefuses = strict.some((d) => 'error' in d);
  const looseRefuses = loose.some((d) => 'error' in d);
  if (refusal !== undefined) {
    if (strictRefuses) return 'both refuse';
    if (DELIBERATE_REFUSALS.some(([deliberate]) => deliberate === input)) return 'deliberate';
    return `the reader refuses (${refusal}), go-yaml gives ${JSON.stringify(strict)}`;
  }
  if (looseRefuses) return `go-yaml refuses (${JSON.stringify(loose)}), the reader gives ${canonical(documents!.map((d) => d.value))}`;
  const expected = loose.flatMap((d, i) => ('json' in d && d.json !== null ? [{ document: i + 1, value: d.json }] : []));
  const actual = documents!.map((d) => ({ document: d.document, value: d.value }));
  if (canonical(expected) !== canonical(actual)) return `go-yaml gives ${canonical(expected)}, the reader ${canonical(actual)}`;
  if (strictRefuses) return String(input).includes('<<') ? 'merge (strict mode refuses)' : `strict go-yaml refuses: ${JSON.stringify(strict)}`;
  return 'same';
}

function compareAll(inputs: ReadonlyArray<string | Buffer>): { counts: Record<string, number>; differences: string[] } {
  const strict = readManyWithGoYaml(inputs, { strict: true });
  const loose = readManyWithGoYaml(inputs);
  const counts: Record<string, number> = {};
  const differences: string[] = [];
  inputs.forEach((input, i) => {
    const result = compare(input, strict[i], loose[i]);
    if (['same', 'both refuse', 'deliberate', 'merge (strict mode refuses)'].includes(result)) {
      counts[result] = (counts[result] ?? 0) + 1;
    } else {
      differences.push(`${JSON.stringify(Buffer.isBuffer(input) ? `<bytes ${input.toString('hex')}>` : input).slice(0, 200)}: ${result}`);
    }
  });
  return { counts, differences };
}

describeWithGoYaml('the manifest reader reads YAML as kubectl does (go-yaml v2 via sigs.k8s.io/yaml)', () => {
  test('over a corpus of tricky documents: the same JSON, or refused by both', () => {
    const inputs = corpus();
    expect(inputs.length).toBeGreaterThanOrEqual(1000);
    const { counts, differences } = compareAll(inputs);
    expect(differences).toEqual([]);
    // Most give a value; a good part is refused by both; the deliberate refusals are the listed ones.
    expect(counts.same).toBeGreaterThan(700);
    expect(counts['both refuse']).toBeGreaterThan(200);
    expect(counts.deliberate).toBe(DELIBERATE_REFUSALS.length);
  });

  test('over streams of several documents: split at the same lines, numbered alike', () => {
    const inputs = streams(corpus());
    expect(inputs.length).toBeGreaterThanOrEqual(150);
    const { differences } = compareAll(inputs);
    expect(differences).toEqual([]);
  });

  test('parseManifestYaml, the public reader the schema validation plugin uses, reads these scalars as kubectl does', () => {
    const texts = ['a: 1:20\n', 'a: 0o17\n', 'a: 2001-12-14\n', 'a: 0400\n', 'a: on\n', 'a: .\n', 'a: 0x10\n', 'a: 1_000\n'];
    const kubectl = readManyWithGoYaml(texts).map((docs) => docs.map((d) => ('json' in d ? d.json : d)));
    expect(texts.map((text) => JSON.parse(JSON.stringify(parseManifestYaml(text))))).toEqual(kubectl);
  });

  test('the deliberate refusals say why', () => {
    for (const [input] of DELIBERATE_REFUSALS) {
      expect(() => readYamlText(input, 'deliberate.yaml')).toThrow(/key written twice|byte order mark/);
    }
  });

  describe('over every bundle the project writes', () => {
    const out = tempDir('aks-labs-yaml-kubectl-');
    const bundles: Array<[string, string[]]> = [
      ['workshop', []],
      ['hardened', ['--profile', 'hardened']],
      ['advanced-aks', ['--workshop', 'advanced-aks']],
    ];
    beforeAll(() => {
      const bin = path.join(__dirname, '..', 'tools', 'run-from-source.js');
      const env = {
        ...process.env,
        USER_ASSIGNED_CLIENT_ID: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
        AKV_URL: 'https://kv-akslabs-42.vault.azure.net/',
        KEYVAULT_URL: 'https://kv-advanced-7.vault.azure.net/',
      };
      for (const [name, flags] of bundles) {
        const run = spawnSync(process.execPath, [bin, 'synth', '--out', path.join(out, name), ...flags], { env, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`synth ${flags.join(' ')} failed: ${run.stderr}`);
      }
    }, 60_000);

    test('each file: every document the same JSON as go-yaml gives', () => {
      const files = (fs.readdirSync(out, { recursive: true }) as string[])
        .map((file) => path.join(out, file))
        .filter((file) => /\.ya?ml$/.test(file) && fs.statSync(file).isFile());
      expect(files.length).toBeGreaterThan(50);
      const texts = files.map((file) => fs.readFileSync(file));
      const { counts, differences } = compareAll(texts);
      expect(differences).toEqual([]);
      expect(counts.same).toBe(files.length);
    });

    test('each output folder reads as kubectl apply -k reads it', () => {
      for (const [name] of bundles) {
        const root = name === 'advanced-aks' ? path.join(out, name, 'advanced-aks') : path.join(out, name);
        const documents = readManifestPaths([root]);
        expect(documents.length).toBeGreaterThan(10);
        for (const document of documents) {
          expect(document.file.startsWith(root)).toBe(true);
          expect(document.value).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String) }));
        }
      }
    });
  });
});
