import { parseYamlDocuments, readShared } from './shared';

/** An object applied inline in a workshop text (`kubectl apply -f - <<EOF ... EOF`). */
export interface InlineManifest {
  /** The object. */
  readonly object: any;
  /** The namespace given to kubectl with `-n`, if any. */
  readonly kubectlNamespace?: string;
}

/** Every object a workshop text applies from a heredoc, in order. */
export function workshopInlineManifests(file: 'aks-deep-dives.md' | 'advanced-aks-day2-operations.md'): InlineManifest[] {
  const text = readShared('workshop', file);
  // `kubectl apply -f - <<EOF` and `cat <<EOF | kubectl apply -f -`
  const heredoc = /^(.*kubectl apply[^\n]*<<\s*'?EOF'?|.*<<\s*'?EOF'?\s*\|\s*kubectl apply[^\n]*)\n([\s\S]*?)\nEOF\s*$/gm;
  const manifests: InlineManifest[] = [];
  for (const [, command, body] of text.matchAll(heredoc)) {
    const kubectlNamespace = /\s-n\s+(\S+)/.exec(command)?.[1];
    for (const object of parseYamlDocuments(body)) manifests.push({ object, kubectlNamespace });
  }
  return manifests;
}

/** The inline objects of `kind` named `name` (the texts apply some more than once). */
export function inlineObject(file: Parameters<typeof workshopInlineManifests>[0], kind: string, name: string): InlineManifest {
  const found = workshopInlineManifests(file).filter((m) => m.object.kind === kind && m.object.metadata?.name === name);
  if (found.length === 0) throw new Error(`${file} applies no ${kind} ${name}`);
  return found[0];
}
