import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// An oracle for tests: the YAML reader kubectl uses (documents split as
// k8s.io/apimachinery/pkg/util/yaml does, each converted by sigs.k8s.io/yaml.YAMLToJSON over
// go-yaml v2), built from Debian's packages by tools/go-yaml-reader/build.sh into
// node_modules/.cache/go-yaml-reader/.

const REPO = path.resolve(__dirname, '..', '..');
const SOURCE_DIR = path.join(REPO, 'tools', 'go-yaml-reader');
const OUT_DIR = path.join(REPO, 'node_modules', '.cache', 'go-yaml-reader');
const BINARY = path.join(OUT_DIR, 'go-yaml-reader');

/** build.sh's exit code when Go or one of the Debian packages is absent. */
const ABSENT = 3;

/**
 * One document of a stream, as kubectl's reader sees it: the JSON that YAMLToJSON made of it
 * (parsed with `JSON.parse`, so integers beyond 2^53 lose precision), go's error text, or
 * `empty` for a document of only blank and comment lines (which kubectl skips).
 */
export type GoYamlDocument = { json: unknown } | { error: string } | { empty: true };

/** Options of {@link readWithGoYaml} and {@link readManyWithGoYaml}. */
export interface GoYamlOptions {
  /** Convert with YAMLToJSONStrict, which refuses duplicate keys. */
  readonly strict?: boolean;
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
}

/**
 * Builds the reader unless the binary is newer than its sources; says why not when Go or the
 * packages are absent, and throws when they are there but the build fails.
 */
function build(): { available: true } | { available: false; reason: string } {
  const sources = ['main.go', 'build.sh'].map((file) => mtime(path.join(SOURCE_DIR, file)));
  if (mtime(BINARY) > Math.max(...sources)) return { available: true };
  const run = spawnSync('bash', [path.join(SOURCE_DIR, 'build.sh'), OUT_DIR], { encoding: 'utf8' });
  if (run.status === 0) return { available: true };
  const output = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim();
  if (run.status === ABSENT) return { available: false, reason: output };
  throw new Error(`tools/go-yaml-reader/build.sh failed (${run.error?.message ?? `exit ${run.status}`}): ${output}`);
}

const built = build();

/** Whether the go-yaml reader could be built here (Go and the Debian packages are installed). */
export const GO_YAML_AVAILABLE: boolean = built.available;

function runReader(flags: string[], input: Buffer): string {
  if (!GO_YAML_AVAILABLE) throw new Error('the go-yaml reader is not available: use describeWithGoYaml');
  const run = spawnSync(BINARY, flags, { input, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(`go-yaml-reader ${flags.join(' ')} failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
  }
  return run.stdout;
}

function strictFlag(options: GoYamlOptions): string[] {
  return options.strict ? ['-strict'] : [];
}

/**
 * Reads a YAML stream as kubectl does: one entry per document that kubectl's splitter gives
 * (a separator line directly after another, or first in the stream, gives none). A bad
 * separator line such as `--- x` gives a last `error` entry and ends the stream.
 */
export function readWithGoYaml(text: string | Buffer, options: GoYamlOptions = {}): GoYamlDocument[] {
  const output = runReader(strictFlag(options), Buffer.from(text));
  return output.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as GoYamlDocument);
}

/**
 * {@link readWithGoYaml} for many streams in one process (a spawn costs milliseconds): the
 * documents of each stream, in order.
 */
export function readManyWithGoYaml(texts: ReadonlyArray<string | Buffer>, options: GoYamlOptions = {}): GoYamlDocument[][] {
  // -batch frames: the byte length of each stream, a newline, then its bytes.
  const frames = texts.flatMap((text) => {
    const bytes = Buffer.from(text);
    return [Buffer.from(`${bytes.length}\n`), bytes];
  });
  const output = runReader(['-batch', ...strictFlag(options)], Buffer.concat(frames));
  const results = output.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as GoYamlDocument[]);
  if (results.length !== texts.length) throw new Error(`go-yaml-reader -batch read ${results.length} streams of ${texts.length}`);
  return results;
}

let warned = false;

/**
 * `describe` for tests that use the go-yaml reader: skipped, with a message saying why and how
 * to install what is missing, when Go or the Debian packages are absent.
 */
export function describeWithGoYaml(name: string, body: () => void): void {
  if (built.available) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    console.warn('Skipping tests that compare with kubectl\'s YAML reader (go-yaml v2): Go or Debian\'s packages are absent. '
      + `${built.reason} (it installs golang-go, golang-gopkg-yaml.v2-dev and golang-k8s-sigs-yaml-dev with apt-get)`);
  }
  const skipped: typeof describe.skip = describe.skip;
  skipped(`${name} (needs Go and Debian's golang-k8s-sigs-yaml-dev)`, body);
}
