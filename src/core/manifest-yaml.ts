import { parseAllDocuments } from 'yaml';
import { AksLabsError } from './errors';

/** Thrown when a manifest file is not YAML Kubernetes can read. */
export class ManifestYamlError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** Where the text came from. */
    public readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`, 'ManifestYamlError');
  }
}

/**
 * The objects of a multi-document YAML text, read as Kubernetes (go-yaml) reads it: YAML 1.1,
 * so `0400` is an octal number and `on`/`yes` are booleans. Empty documents are left out.
 */
export function parseManifestYaml(text: string, source: string = 'the YAML text'): any[] {
  const objects: any[] = [];
  for (const document of parseAllDocuments(text, { version: '1.1' })) {
    if (document.errors.length > 0) throw new ManifestYamlError(source, document.errors[0].message);
    const value = document.toJSON();
    if (value === null || value === undefined) continue;
    objects.push(value);
  }
  return objects;
}
