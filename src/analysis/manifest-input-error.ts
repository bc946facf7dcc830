import { AksLabsError } from '../core/errors';

/** Thrown for manifests or claims the verifier cannot read: names the file and what is wrong. */
export class ManifestInputError extends AksLabsError {
  public readonly kind = 'input';

  constructor(message: string) {
    super(message, 'ManifestInputError');
  }
}
