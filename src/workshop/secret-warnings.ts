import { ManifestFile } from '../core/synthesizer';

/** A Secret that pods of some bundles read and those bundles do not hold. */
export interface UnheldSecret {
  /** The Secret's namespace. */
  readonly namespace: string;
  /** The Secret's name. */
  readonly name: string;
  /** The keys the pods read, sorted (empty when they read all of them, through `envFrom` or a whole-Secret volume). */
  readonly keys: readonly string[];
  /** The bundles that read it and do not hold it. */
  readonly files: readonly string[];
}

/**
 * Secrets the platform creates, and how: the synth names them, and says who makes them, rather
 * than tell the user to create them.
 */
const PLATFORM_SECRETS: Readonly<Record<string, string>> = {
  'kube-system/hubble-relay-client-certs': 'Advanced Container Networking Services creates it when Hubble is enabled (kubectl get secret -n kube-system hubble-relay-client-certs)',
};

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The pod spec of a workload object, with its namespace. */
function podSpecOf(object: any): { spec: any; namespace: string } | undefined {
  const namespace = object?.metadata?.namespace ?? 'default';
  if (object?.kind === 'Pod' && object.apiVersion === 'v1') return { spec: object.spec ?? {}, namespace };
  if (WORKLOAD_KINDS.has(object?.kind)) return { spec: object.spec?.template?.spec ?? {}, namespace };
  if (object?.kind === 'CronJob') return { spec: object.spec?.jobTemplate?.spec?.template?.spec ?? {}, namespace };
  return undefined;
}

/** The Secrets a pod spec reads (not those marked optional), with the keys it reads ('*' for all). */
function secretReads(spec: any): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const read = (name: unknown, key: string, optional: unknown) => {
    if (typeof name !== 'string' || optional === true) return;
    reads.set(name, (reads.get(name) ?? new Set()).add(key));
  };
  const containers = [...spec.initContainers ?? [], ...spec.containers ?? [], ...spec.ephemeralContainers ?? []];
  for (const container of containers) {
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref !== undefined) read(ref.name, String(ref.key), ref.optional);
    }
    for (const source of container.envFrom ?? []) if (source.secretRef !== undefined) read(source.secretRef.name, '*', source.secretRef.optional);
  }
  for (const volume of spec.volumes ?? []) {
    const secrets = [
      ...volume.secret === undefined ? [] : [{ name: volume.secret.secretName, items: volume.secret.items, optional: volume.secret.optional }],
      ...(volume.projected?.sources ?? []).filter((s: any) => s.secret !== undefined).map((s: any) => s.secret),
    ];
    for (const secret of secrets) {
      const items: any[] | undefined = secret.items;
      if (items === undefined || items.length === 0) read(secret.name, '*', secret.optional);
      else for (const item of items) read(secret.name, String(item.key), secret.optional);
    }
  }
  for (const pull of spec.imagePullSecrets ?? []) read(pull.name, '.dockerconfigjson', false);
  return reads;
}

/** The Secrets `objects` hold: v1 Secrets, and those a SecretProviderClass syncs while pods mount it. */
function heldSecrets(objects: readonly any[]): Set<string> {
  const held = new Set<string>();
  for (const object of objects) {
    const namespace = object?.metadata?.namespace ?? 'default';
    if (object?.apiVersion === 'v1' && object.kind === 'Secret') held.add(`${namespace}/${object.metadata?.name}`);
    if (object?.kind === 'SecretProviderClass' && String(object.apiVersion).startsWith('secrets-store.csi.x-k8s.io/')) {
      for (const synced of object.spec?.secretObjects ?? []) held.add(`${namespace}/${synced.secretName}`);
    }
  }
  return held;
}

/**
 * The Secrets that pods of `files` read and that their bundle does not hold (as a Secret, or as
 * one a SecretProviderClass of the bundle syncs), one entry per Secret, in the order first read.
 * Applied alone, such a bundle's pods would not start until the Secret exists.
 */
export function unheldSecrets(files: readonly ManifestFile[]): UnheldSecret[] {
  const found = new Map<string, { namespace: string; name: string; keys: Set<string>; files: string[] }>();
  for (const file of files) {
    const held = heldSecrets(file.objects);
    for (const object of file.objects) {
      const pod = podSpecOf(object);
      if (pod === undefined) continue;
      for (const [name, keys] of secretReads(pod.spec)) {
        const id = `${pod.namespace}/${name}`;
        if (held.has(id)) continue;
        const entry = found.get(id) ?? { namespace: pod.namespace, name, keys: new Set<string>(), files: [] };
        keys.forEach((k) => entry.keys.add(k));
        if (!entry.files.includes(file.fileName)) entry.files.push(file.fileName);
        found.set(id, entry);
      }
    }
  }
  return [...found.values()].map((e) => ({ namespace: e.namespace, name: e.name, keys: [...e.keys].filter((k) => k !== '*').sort(), files: e.files }));
}

/** The `kubectl create secret` command for `secret`, with a placeholder for each value: never a value. */
function createSecretCommand(secret: UnheldSecret): string {
  if (secret.keys.includes('.dockerconfigjson')) {
    return `kubectl create secret docker-registry ${secret.name} -n ${secret.namespace} --docker-server=<registry> --docker-username=<user> --docker-password=<password>`;
  }
  const keys = secret.keys.length === 0 ? ['<key>'] : secret.keys;
  // Keys that look like file names (certificates) are given as files, the others as literals.
  const sources = keys.map((key) => (/\.(crt|key|pem|pfx|p12|jks|json)$/.test(key) ? `--from-file=${key}=<file>` : `--from-literal=${key}=<${key.replace(/[<>]/g, '')}>`));
  return `kubectl create secret generic ${secret.name} -n ${secret.namespace} ${sources.join(' ')}`;
}

/**
 * The warning for a Secret that bundles read and do not hold: which bundles, which keys, and the
 * `kubectl create secret` command that creates it (with placeholders), or who creates it for a
 * Secret the platform provides. It never holds a value.
 */
export function describeUnheldSecret(secret: UnheldSecret): string {
  const id = `${secret.namespace}/${secret.name}`;
  const keys = secret.keys.length === 0 ? '' : ` (keys ${secret.keys.join(', ')})`;
  const what = `${secret.files.join(', ')} ${secret.files.length === 1 ? 'reads' : 'read'} Secret ${id}${keys}, which ${secret.files.length === 1 ? 'it does' : 'they do'} not hold`;
  const platform = PLATFORM_SECRETS[id];
  if (platform !== undefined) return `${what}: ${platform}; without it, create it: ${createSecretCommand(secret)}`;
  return `${what}: create it before applying: ${createSecretCommand(secret)}`
    + ' (or, in the hardened profile, have it synced from Azure Key Vault: set AZURE_TENANT_ID with USER_ASSIGNED_CLIENT_ID and the vault URI, AKV_URL or KEYVAULT_URL)';
}
