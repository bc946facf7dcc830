import { describeWithGoYaml, GoYamlDocument, readManyWithGoYaml, readWithGoYaml } from './support/go-yaml';

// Facts about kubectl's YAML reader (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 resolution)
// that the project depends on, found by running tools/go-yaml-reader: each expectation states
// what go-yaml does, so this file documents it.

const CONTROL_CHARACTERS = { error: 'yaml: control characters are not allowed' };
const LINE_BREAK_IN_PLAIN = { error: "yaml: line 3: could not find expected ':'" };

describeWithGoYaml('go-yaml-reader: how kubectl reads YAML', () => {
  test('unquoted scalars resolve by YAML 1.1 rules, timestamps and sexagesimals staying strings', () => {
    const cases: Array<[string, unknown]> = [
      ['2024-01-15', '2024-01-15'], // a date is a string (go-yaml makes time.Time only for time.Time fields)
      ['2024-01-15T10:00:00Z', '2024-01-15T10:00:00Z'],
      ['1:34:32', '1:34:32'], // no YAML 1.1 base-60 integers
      ['0o17', 15], // 0o octal is read too
      ['0400', 256], // YAML 1.1 octal
      ['08', 8], // not octal: read as the float 8
      ['0x10', 16],
      ['0b101', 5],
      ['1_000', 1000], // underscores are dropped
      ['1e3', 1000], // a float, written to JSON as 1000
      ['1.0', 1],
      ['1e400', '1e400'], // overflowing floats stay strings
      ['on', true],
      ['yes', true],
      ['Yes', true],
      ['y', true],
      ['off', false],
      ['n', false],
      ['.', '.'],
      ['~', null],
      ['NULL', null],
    ];
    const results = readManyWithGoYaml(cases.map(([scalar]) => `v: ${scalar}\n`));
    expect(results).toEqual(cases.map(([, value]) => [{ json: { v: value } }]));
  });

  test('infinities and NaN are read, then refused by the JSON encoder', () => {
    expect(readManyWithGoYaml(['v: .inf\n', 'v: -.inf\n', 'v: .nan\n'])).toEqual([
      [{ error: 'json: unsupported value: +Inf' }],
      [{ error: 'json: unsupported value: -Inf' }],
      [{ error: 'json: unsupported value: NaN' }],
    ]);
  });

  test('keys resolve too: `on`, `y` and `n` become "true" and "false", and a null key is an error', () => {
    expect(readWithGoYaml('on: 1\ny: 2\nn: 3\n1.5: 4\n')).toEqual([{ json: { true: 2, false: 3, 1.5: 4 } }]);
    // sigs.k8s.io/yaml 1.3.0 (Debian 12) says "Unsupported", later versions "unsupported"
    expect(readWithGoYaml('~: a\n')).toEqual([{ error: expect.stringMatching(/^[Uu]nsupported map key of type: %!s\(<nil>\), key: <nil>, value: "a"$/) }]);
  });

  test('a repeated key: the last wins, and strict mode refuses it', () => {
    expect(readWithGoYaml('a: 1\na: 2\n')).toEqual([{ json: { a: 2 } }]);
    expect(readWithGoYaml('a: 1\na: 2\n', { strict: true })).toEqual([{ error: 'yaml: unmarshal errors:\n  line 2: key "a" already set in map' }]);
  });

  test('DEL and C1 control characters are refused raw, quoted or not, but allowed as escapes', () => {
    const texts = ['\x7f', '\x80', '\x9f'].flatMap((c) => [`v: "x${c}y"\n`, `v: x${c}y\n`, `v: 'x${c}y'\n`]);
    expect(readManyWithGoYaml(texts)).toEqual(texts.map(() => [CONTROL_CHARACTERS]));
    expect(readWithGoYaml('v: "\\x7f\\x80\\x9f"\n')).toEqual([{ json: { v: '\x7f\x80\x9f' } }]);
  });

  test('U+0085 (NEL) is a line break: folded to a space in a double-quoted string, ending a plain one', () => {
    expect(readManyWithGoYaml(['v: "x\u0085y"\n', 'v: "x\u0085\u0085y"\n', 'v: "x\\Ny"\n', 'v: x\u0085y\n'])).toEqual([
      [{ json: { v: 'x y' } }],
      [{ json: { v: 'x\ny' } }],
      [{ json: { v: 'x\u0085y' } }], // the \N escape keeps it
      [LINE_BREAK_IN_PLAIN],
    ]);
  });

  test('U+2028 is a line break too, but kept as it is in a double-quoted string', () => {
    expect(readManyWithGoYaml(['v: "x\u2028y"\n', 'v: x\u2028y\n'])).toEqual([
      [{ json: { v: 'x\u2028y' } }],
      [LINE_BREAK_IN_PLAIN],
    ]);
  });

  test('a byte order mark is dropped at the start of each document, and is no part of a separator line', () => {
    expect(readManyWithGoYaml(['\ufeffa: 1\n', '\ufeff---\na: 1\n', 'a: 1\n---\n\ufeffb: 2\n', 'v: "\ufeff"\n'])).toEqual([
      [{ json: { a: 1 } }],
      [{ json: { a: 1 } }], // kubectl's splitter does not split there; go-yaml reads "---" as a document start
      [{ json: { a: 1 } }, { json: { b: 2 } }],
      [{ json: { v: '\ufeff' } }], // inside a string it stays
    ]);
  });

  test('invalid UTF-8 is an error, even in a comment', () => {
    const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => Buffer.from(typeof p === 'string' ? p : Uint8Array.from(p))));
    expect(readManyWithGoYaml([
      bytes('v: "', [0xff], '"\n'),
      bytes('v: ', [0xc3], '\n'),
      bytes('# ', [0xff], '\nv: 1\n'),
      bytes('v: ', [0xed, 0xa0, 0x80], '\n'), // an encoded surrogate
    ])).toEqual([
      [{ error: 'yaml: invalid leading UTF-8 octet' }],
      [{ error: 'yaml: invalid trailing UTF-8 octet' }],
      [{ error: 'yaml: invalid leading UTF-8 octet' }],
      [{ error: 'yaml: invalid Unicode character' }],
    ]);
  });

  test('"---" lines split the stream; blank documents are reported, zero-byte ones are not', () => {
    const cases: Array<[string, GoYamlDocument[]]> = [
      ['a: 1\n---\n\n---\nb: 2\n', [{ json: { a: 1 } }, { empty: true }, { json: { b: 2 } }]],
      ['---\n# only a comment\n---\n---\nb: 2\n', [{ empty: true }, { json: { b: 2 } }]],
      ['---\n---\n', []],
      ['', []],
      ['~\n', [{ json: null }]], // kubectl skips a null document as well
      ['a: 1\n--- # a comment\nb: 2\n', [{ json: { a: 1 } }, { json: { b: 2 } }]],
      // anything but a comment after "---" is an error that ends the stream (kubectl 1.22+),
      // and the document it would have ended is lost with it
      ['a: 1\n--- x\nb: 2\n---\nc: 3\n', [{ error: 'invalid Yaml document separator: x' }]],
      ['a: 1\n---\nb: 2\n--- |\n  text\n', [{ json: { a: 1 } }, { error: 'invalid Yaml document separator: |' }]],
      // the splitter knows no YAML: "---" inside a block scalar splits it
      ['a: |\n  x\n---\n  y\n', [{ json: { a: 'x\n' } }, { json: true }]],
      // go-yaml reads the first document of what it is given: after "..." the rest is dropped silently
      ['a: 1\n...\nb: 2\n', [{ json: { a: 1 } }]],
      // CRLF line ends reach go-yaml as LF
      ['a: 1\r\nb: |\r\n  x\r\n  y\r\n', [{ json: { a: 1, b: 'x\ny\n' } }]],
    ];
    expect(readManyWithGoYaml(cases.map(([text]) => text))).toEqual(cases.map(([, documents]) => documents));
  });
});
