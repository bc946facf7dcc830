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
