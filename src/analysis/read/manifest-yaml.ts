import { ManifestReadError } from './errors';
import { readYamlText } from './text';
import { ManifestYamlError } from '../../core/manifest-yaml';

/**
 * The objects of a multi-document YAML text, read as kubectl reads it (go-yaml v2 through
 * sigs.k8s.io/yaml, the reader `verify` uses): YAML 1.1 scalars, so `0400` is an octal number and
 * `on`/`yes` are booleans while `2024-01-15` stays a string; empty documents are left out and the
 * items of a list are its objects. Throws a {@link ManifestYamlError} naming the document, line and
 * column of what kubectl would refuse, never quoting the text.
 */
export function parseManifestYaml(text: string, source: string = 'the YAML text'): unknown[] {
  try {
    return readYamlText(text, source).map((document) => document.value);
  } catch (error) {
    if (!(error instanceof ManifestReadError)) throw error;
    const where = [
      error.document === undefined ? undefined : `document ${error.document}`,
      error.line === undefined ? undefined : `line ${error.line}`,
      error.column === undefined ? undefined : `column ${error.column}`,
    ].filter((part) => part !== undefined);
    throw new ManifestYamlError(source, where.length === 0 ? error.problem : `${where.join(', ')}: ${error.problem}`);
  }
}
