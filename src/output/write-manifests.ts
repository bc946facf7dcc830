import { writeOutputFolder, WriteOutputOptions, WriteOutputResult } from './write-output';
import { ManifestFile } from '../core/synthesizer';


/**
 * Writes synthesized manifest files to `outdir` with the guarantees of
 * {@link writeOutputFolder}: the folder is replaced as a whole, never when it holds files
 * this library did not write, and never left half-written. Given a generator (such as
 * `synthesizeCharts`), each file is written as it comes and then let go, so that a
 * large app's YAML is never held in memory all at once.
 */
export function writeManifests(outdir: string, files: Iterable<ManifestFile>, options: WriteOutputOptions = {}): WriteOutputResult {
  if (Array.isArray(files)) return writeOutputFolder(outdir, files.map((f: ManifestFile) => ({ path: f.fileName, content: f.yaml })), options);
  return writeOutputFolder(outdir, outputFiles(files), options);
}

function* outputFiles(files: Iterable<ManifestFile>): Generator<{ path: string; content: string }> {
  for (const file of files) yield { path: file.fileName, content: file.yaml };
}
