import { FieldReader, Labels } from './field-reader';
import { inputError } from './input-error';
import { JsonMap, own, pointerToPath, renderPath } from './json';
import { readCiliumPolicy } from './kinds/cilium';
import {
  readAuthorizationPolicy, readDestinationRule, readGateway, readPeerAuthentication, readServiceEntry, readSidecar, readVirtualService,
} from './kinds/istio';
import { readNetworkPolicy } from './kinds/network-policy';
import { readService } from './kinds/services';
import { PodTemplate, readPodTemplate, WORKLOAD_KINDS } from './kinds/workloads';
import { AppliedObject, ManifestSet } from './manifest-set';
import {
  AuthorizationPolicyRecord, CiliumRuleSet, DestinationRuleRecord, GatewayRecord, NetworkPolicyRecord, PeerAuthenticationRecord,
  ServiceEntryRecord, ServiceRecord, SidecarRecord, VirtualServiceRecord,
} from './records';
import { apiGroup } from '../../core/object-identity';
import { validateManifest } from '../../core/schema/manifest-validation';

/** A workload's pod template, waiting for its namespace's labels. */
export interface PendingWorkload {
  readonly applied: AppliedObject;
  readonly template: PodTemplate;
}

/** What the manifests' objects add up to, kind by kind, before the cluster around them is added. */
export interface ModelParts {
  readonly namespaceLabels: Map<string, Labels>;
  readonly workloads: PendingWorkload[];
  readonly services: ServiceRecord[];
  readonly ciliumRuleSets: CiliumRuleSet[];
  readonly networkPolicies: NetworkPolicyRecord[];
  readonly peerAuthentications: PeerAuthenticationRecord[];
  readonly authorizationPolicies: AuthorizationPolicyRecord[];
  readonly destinationRules: DestinationRuleRecord[];
  readonly gateways: GatewayRecord[];
  readonly virtualServices: VirtualServiceRecord[];
  readonly serviceEntries: ServiceEntryRecord[];
  readonly sidecars: SidecarRecord[];
  /** ConfigMaps that may hold the add-on's mesh configuration, by `namespace/name`. */
  readonly configMaps: Map<string, AppliedObject>;
}

/** A kind the verifier reads: its API versions and what its objects add to the model. */
export interface KindReader {
  readonly kind: string;
  /** The API group (`''` for core). */
  readonly group: string;
  readonly versions: readonly string[];
  /** Reads one object (already checked against its schema) into `parts`. */
  read(reader: FieldReader, applied: AppliedObject, parts: ModelParts): void;
}

const ISTIO_NETWORKING = ['v1', 'v1beta1', 'v1alpha3'];
const ISTIO_SECURITY = ['v1', 'v1beta1'];

/** Every kind the verifier reads; objects of other kinds are applied but mean nothing to connections. */
export const KIND_READERS: readonly KindReader[] = [
  {
    kind: 'Namespace',
    group: '',
    versions: ['v1'],
    read: (reader, applied, parts) => parts.namespaceLabels.set(applied.name, reader.labels(own(applied.object.metadata as JsonMap, 'labels'), ['metadata', 'labels'])),
  },
  ...WORKLOAD_KINDS.map(([kind, group, versions, templatePath]): KindReader => ({
    kind,
    group,
    versions,
    read: (reader, applied, parts) => parts.workloads.push({ applied, template: readPodTemplate(reader, applied.object, templatePath) }),
  })),
  { kind: 'Service', group: '', versions: ['v1'], read: (reader, a, parts) => parts.services.push(readService(reader, a.object, a.namespace!, describeSource(a))) },
  { kind: 'ConfigMap', group: '', versions: ['v1'], read: (_reader, a, parts) => parts.configMaps.set(`${a.namespace}/${a.name}`, a) },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', versions: ['v1'], read: (reader, a, parts) => parts.networkPolicies.push(readNetworkPolicy(reader, a.object, a.namespace!)) },
  { kind: 'CiliumNetworkPolicy', group: 'cilium.io', versions: ['v2'], read: (reader, a, parts) => parts.ciliumRuleSets.push(...readCiliumPolicy(reader, a.object, a.namespace)) },
  { kind: 'CiliumClusterwideNetworkPolicy', group: 'cilium.io', versions: ['v2'], read: (reader, a, parts) => parts.ciliumRuleSets.push(...readCiliumPolicy(reader, a.object, undefined)) },
  { kind: 'PeerAuthentication', group: 'security.istio.io', versions: ISTIO_SECURITY, read: (r, a, parts) => parts.peerAuthentications.push(readPeerAuthentication(r, a.object, a.name, a.namespace!)) },
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', versions: ISTIO_SECURITY, read: (r, a, parts) => parts.authorizationPolicies.push(readAuthorizationPolicy(r, a.object, a.name, a.namespace!)) },
  { kind: 'DestinationRule', group: 'networking.istio.io', versions: ISTIO_NETWORKING, read: (r, a, parts) => parts.destinationRules.push(readDestinationRule(r, a.object, a.name, a.namespace!)) },
  { kind: 'Gateway', group: 'networking.istio.io', versions: ISTIO_NETWORKING, read: (r, a, parts) => parts.gateways.push(readGateway(r, a.object, a.name, a.namespace!)) },
  { kind: 'VirtualService', group: 'networking.istio.io', versions: ISTIO_NETWORKING, read: (r, a, parts) => parts.virtualServices.push(readVirtualService(r, a.object, a.name, a.namespace!)) },
  { kind: 'ServiceEntry', group: 'networking.istio.io', versions: ISTIO_NETWORKING, read: (r, a, parts) => parts.serviceEntries.push(readServiceEntry(r, a.object, a.name, a.namespace!)) },
  { kind: 'Sidecar', group: 'networking.istio.io', versions: ISTIO_NETWORKING, read: (r, a, parts) => parts.sidecars.push(readSidecar(r, a.object, a.name, a.namespace!)) },
];

const BY_KEY = new Map<string, KindReader>();
for (const reader of KIND_READERS) {
  for (const version of reader.versions) BY_KEY.set(`${reader.group === '' ? '' : `${reader.group}/`}${version}/${reader.kind}`, reader);
}
const READ_KINDS = new Map(KIND_READERS.map((r) => [`${r.group}/${r.kind}`, r]));

/** `file#document`: where an object was read from, for the model's `source` fields. */
export function describeSource(applied: AppliedObject): string {
  const { file, document, item } = applied.source;
  return `${file}${document === undefined ? '' : `#${document}`}${item === undefined ? '' : ` items[${item}]`}`;
}

/** A schema problem without the value it found (the schema checker's messages end in `, not <value>`). */
function withoutValue(message: string): string {
  const cut = message.indexOf(', not ');
  return cut < 0 ? message : message.slice(0, cut);
}

/**
 * Reads every object of a kind the verifier understands: checks it against its schema (the
 * Kubernetes 1.30 OpenAPI, the imported CRDs), then turns it into typed records. A bad object
 * is an input error naming file, document, line, object and field.
 */
export function readModelParts(manifests: ManifestSet): ModelParts {
  const parts: ModelParts = {
    namespaceLabels: new Map(),
    workloads: [],
    services: [],
    ciliumRuleSets: [],
    networkPolicies: [],
    peerAuthentications: [],
    authorizationPolicies: [],
    destinationRules: [],
    gateways: [],
    virtualServices: [],
    serviceEntries: [],
    sidecars: [],
    configMaps: new Map(),
  };
  for (const applied of manifests.objects) {
    const group = apiGroup(applied.apiVersion);
    const kindReader = BY_KEY.get(`${applied.apiVersion}/${applied.kind}`);
    const reader = ManifestSet.reader(applied);
    if (kindReader === undefined) {
      const known = READ_KINDS.get(`${group}/${applied.kind}`);
      if (known !== undefined) {
        reader.fail(['apiVersion'], `is a version of ${applied.kind} the verifier does not read (it reads ${known.versions.map((v) => `${group === '' ? '' : `${group}/`}${v}`).join(', ')})`);
      }
      continue;
    }
    const { issues } = validateManifest(applied.object);
    if (issues.length > 0) {
      const [first] = issues;
      const path = pointerToPath(first.path);
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
      throw inputError({ ...reader.location(path), field: path.length === 0 ? undefined : renderPath(path) }, `${withoutValue(first.message)}${more}`);
    }
    kindReader.read(reader, applied, parts);
  }
  return parts;
}
