import { PORT_PROTOCOLS } from '../../../core/protocols';
import { isValidPortName, PORT_NAME_RULE } from '../../../core/validation';
import { FieldReader, Labels } from '../field-reader';
import { FieldPath, has, isMap, JsonMap, own } from '../json';
import { UnmodelledField } from '../outcome';
import { ContainerPort } from '../records';

/** The kinds that make pods: kind, API group, versions, and where the object keeps its pod template. */
export const WORKLOAD_KINDS: readonly (readonly [kind: string, group: string, versions: readonly string[], templatePath: FieldPath])[] = [
  ['Pod', '', ['v1'], []],
  ['ReplicationController', '', ['v1'], ['spec', 'template']],
  ['Deployment', 'apps', ['v1'], ['spec', 'template']],
  ['StatefulSet', 'apps', ['v1'], ['spec', 'template']],
  ['DaemonSet', 'apps', ['v1'], ['spec', 'template']],
  ['ReplicaSet', 'apps', ['v1'], ['spec', 'template']],
  ['Job', 'batch', ['v1'], ['spec', 'template']],
  ['CronJob', 'batch', ['v1'], ['spec', 'jobTemplate', 'spec', 'template']],
];

/** Pod annotations that change how the sidecar intercepts traffic: the model does not read them. */
const TRAFFIC_ANNOTATION = /^(traffic\.sidecar\.istio\.io\/|sidecar\.istio\.io\/(interceptionMode|proxy(Image)?)$|proxy\.istio\.io\/config$|io\.cilium\.proxy-visibility$|policy\.cilium\.io\/)/;

/** What the model needs of a pod template, before the namespace's labels decide its sidecar. */
export interface PodTemplate {
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly serviceAccount: string;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /** Pod spec fields and annotations that change its traffic in ways the model does not read. */
  readonly unmodelled: readonly UnmodelledField[];
}

/** The pod template of a workload object, kept at `path` (its kind's, from {@link WORKLOAD_KINDS}). */
export function readPodTemplate(reader: FieldReader, object: JsonMap, path: FieldPath): PodTemplate {
  let template: unknown = object;
  for (const part of path) template = isMap(template) ? own(template, String(part)) : undefined;
  const map = reader.map(template, path);
  const metadata = reader.optionalMap(map, 'metadata', path) ?? {};
  const spec = reader.map(own(map, 'spec'), [...path, 'spec']);
  const specPath = [...path, 'spec'];
  const labels = reader.labels(own(metadata, 'labels'), [...path, 'metadata', 'labels']);
  const annotations = reader.annotations(own(metadata, 'annotations'), [...path, 'metadata', 'annotations']);
  const unmodelled: UnmodelledField[] = [];
  const dnsPolicy = own(spec, 'dnsPolicy');
  if (dnsPolicy !== undefined && dnsPolicy !== 'ClusterFirst') unmodelled.push({ object: reader.object, field: 'dnsPolicy', why: 'names are looked up elsewhere than kube-dns' });
  if (has(spec, 'dnsConfig')) unmodelled.push({ object: reader.object, field: 'dnsConfig', why: 'a resolver configuration of its own' });
  for (const annotation of Object.keys(annotations)) {
    if (TRAFFIC_ANNOTATION.test(annotation)) unmodelled.push({ object: reader.object, field: `annotation ${annotation}`, why: 'changes how traffic is intercepted' });
  }
  const hostNetwork = own(spec, 'hostNetwork') === true;
  if (hostNetwork) unmodelled.push({ object: reader.object, field: 'hostNetwork', why: 'its traffic is the node\'s, which policies for pods do not select' });
  const ports: ContainerPort[] = [];
  (reader.optionalList(spec, 'containers', specPath) ?? []).forEach((container, c) => {
    const at = [...specPath, 'containers', c];
    reader.optionalMaps(reader.map(container, at), 'ports', at, (port, portAt) => {
      const name = reader.optionalString(port, 'name', portAt, `must be ${PORT_NAME_RULE}`, isValidPortName);
      const number = reader.integer(own(port, 'containerPort'), [...portAt, 'containerPort'], 1, 65535);
      const protocol = own(port, 'protocol') === undefined ? 'TCP' : reader.oneOf(own(port, 'protocol'), [...portAt, 'protocol'], PORT_PROTOCOLS);
      ports.push({ name, port: number, protocol });
    });
  });
  const serviceAccount = reader.optionalString(spec, 'serviceAccountName', specPath) ?? reader.optionalString(spec, 'serviceAccount', specPath) ?? 'default';
  return { labels, annotations, serviceAccount, ports, hostNetwork, unmodelled };
}
