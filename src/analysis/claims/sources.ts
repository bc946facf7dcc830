import { ClaimSource } from './claim';
import { ipField, labelsField, namespaceField, serviceAccountField } from './claim-fields';
import { QueryContext } from './target-kind';
import { INGRESS_GATEWAY_KINDS } from '../../core/aks-platform';
import { describeLabels } from '../engine/selectors';
import { FieldReader } from '../model/field-reader';
import { FieldPath, has, isMap, own } from '../model/json';

/** Reads a claim's `from`: `world`, `{ ip }`, `{ ingressGateway, ip? }` or a pod `{ namespace, labels, serviceAccount? }`. */
export function readSource(reader: FieldReader, value: unknown, path: FieldPath): ClaimSource {
  if (value === 'world') return { kind: 'world' };
  if (!isMap(value)) reader.fail(path, 'must be world, { ip }, { ingressGateway: external | internal } or a pod { namespace, labels }');
  if (has(value, 'ingressGateway')) {
    reader.refuseUnknown(value, path, ['ingressGateway', 'ip']);
    return {
      kind: 'ingressGateway',
      gateway: reader.oneOf(own(value, 'ingressGateway'), [...path, 'ingressGateway'], INGRESS_GATEWAY_KINDS),
      ip: has(value, 'ip') ? ipField(reader, value, 'ip', path) : undefined,
    };
  }
  if (has(value, 'ip')) {
    reader.refuseUnknown(value, path, ['ip']);
    return { kind: 'world', ip: ipField(reader, value, 'ip', path) };
  }
  reader.refuseUnknown(value, path, ['namespace', 'labels', 'serviceAccount']);
  return { kind: 'pod', namespace: namespaceField(reader, value, path), labels: labelsField(reader, value, 'labels', path), serviceAccount: serviceAccountField(reader, value, path) };
}

/** Throws an input error when a pod source's namespace is neither in the manifests nor the cluster's. */
export function checkSource(source: ClaimSource, context: QueryContext, reader: FieldReader, path: FieldPath): void {
  if (source.kind === 'pod' && !context.cluster.hasNamespace(source.namespace)) {
    reader.fail([...path, 'namespace'], 'names a namespace the manifests do not create and the cluster does not have (kube-system, default, the add-on\'s)');
  }
}

/** How reports name a source: `pods app=curl in default`, `world`, `world through the external ingress gateway`. */
export function describeSource(source: ClaimSource): string {
  switch (source.kind) {
    case 'world': return source.ip === undefined ? 'world' : `world (${source.ip})`;
    case 'ingressGateway': return `world${source.ip === undefined ? '' : ` (${source.ip})`} through the ${source.gateway} ingress gateway`;
    case 'pod': return `pods ${describeLabels(source.labels) || '(any labels)'} in ${source.namespace}`;
  }
}
