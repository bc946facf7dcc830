import { writeOutputFolder, WriteOutputOptions, WriteOutputResult } from './write-output';
import { ManifestFile } from '../core/synthesizer';

/**
 * Writes synthesized manifest files to `outdir` with the guarantees of
 * {@link writeOutputFolder}: the folder is replaced as a whole, never when it holds files
 * this library did not write, and never left half-written.
 */
export function writeManifests(outdir: string, files: readonly ManifestFile[], options: WriteOutputOptions = {}): WriteOutputResult {
  return writeOutputFolder(outdir, files.map((f) => ({ path: f.fileName, content: f.yaml })), options);
}
