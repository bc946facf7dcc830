import { ManifestReadError } from './errors';
import { ReadLimits, resolveLimits } from './limits';
import { SourceDocument, StreamReader } from './stream';

/** Whether a JS string is well-formed UTF-16 (no lone surrogate): only such a string has a UTF-8 form. */
function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/**
 * The objects of a YAML or JSON text (a claims file, a test's manifest), read exactly as
 * `readManifestPaths` reads a file's bytes; `source` names it in errors and in each
 * document's `file`.
 */
export function readYamlText(text: string | Uint8Array, source: string, limits?: ReadLimits): SourceDocument[] {
  const resolved = resolveLimits(limits);
  let bytes: Uint8Array;
  if (typeof text === 'string') {
    if (!isWellFormed(text)) throw new ManifestReadError(source, 'the text holds a lone UTF-16 surrogate, which has no UTF-8 form');
    bytes = Buffer.from(text, 'utf8');
  } else {
    bytes = text;
  }
  return new StreamReader(source, resolved).read(bytes);
}
