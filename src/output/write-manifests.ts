import { OutputFile, writeOutputFolder, WriteOutputOptions, WriteOutputResult } from './write-output';
import { ManifestFile } from '../core/synthesizer';

/** Whether `object` is a core (`v1`) Secret. */
function isSecret(object: unknown): boolean {
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
  return apiVersion === 'v1' && kind === 'Secret';
}

/**
 * The output file of a synthesized manifest file: its path and YAML, marked `secret` (written
 * `0600`) when one of its objects is a `v1` Secret.
 */
export function manifestOutputFile(file: ManifestFile): OutputFile {
  return file.objects.some(isSecret)
    ? { path: file.fileName, content: file.yaml, secret: true }
    : { path: file.fileName, content: file.yaml };
}

/**
 * Writes synthesized manifest files to `outdir` with the guarantees of
 * {@link writeOutputFolder}: the folder is replaced as a whole, never when it holds files
 * this library did not write, and never left half-written; a file holding a Secret is
 * written `0600`. Given a generator (such as `synthesizeCharts`), each file is written as it
 * comes and then let go, so that a large app's YAML is never held in memory all at once.
 */
export function writeManifests(outdir: string, files: Iterable<ManifestFile>, options: WriteOutputOptions = {}): WriteOutputResult {
  if (Array.isArray(files)) return writeOutputFolder(outdir, files.map(manifestOutputFile), options);
  return writeOutputFolder(outdir, outputFiles(files), options);
}

function* outputFiles(files: Iterable<ManifestFile>): Generator<OutputFile> {
  for (const file of files) yield manifestOutputFile(file);
}
