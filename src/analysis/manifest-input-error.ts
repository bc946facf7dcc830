/** Thrown for manifests or claims the verifier cannot read: names the file and what is wrong. */
export class ManifestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestInputError';
  }
}
