import { LabelSelector, Labels } from '../model/field-reader';

/** The labels Cilium identifies an endpoint by: Kubernetes-sourced labels, and reserved ones (`world`). */
export interface Identity {
  /** Labels of source `k8s`: the pod's, its namespace's (`io.cilium.k8s.namespace.labels.*`), its namespace, service account and cluster. */
  readonly k8s: Labels;
  /** Reserved labels: `world` for addresses outside the cluster. */
  readonly reserved: ReadonlySet<string>;
}

/** The identity of traffic from (or to) outside the cluster. */
export const WORLD_IDENTITY: Identity = { k8s: Object.create(null), reserved: new Set(['world']) };

function ownValue(labels: Labels, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

/** The value a selector key names in an identity: `k8s:app` and `any:app` (or `app`) a Kubernetes label, `reserved:world` a reserved one. */
function identityValue(identity: Identity, key: string): string | undefined {
  const colon = key.indexOf(':');
  const source = colon < 0 ? 'any' : key.slice(0, colon);
  const name = colon < 0 ? key : key.slice(colon + 1);
  if (source === 'reserved') return identity.reserved.has(name) ? '' : undefined;
  if (source === 'k8s' || source === 'any') return ownValue(identity.k8s, name);
  // Other sources (cidr, fqdn, container, unspec) label none of the model's endpoints.
  return undefined;
}

function matches(selector: LabelSelector, value: (key: string) => string | undefined): boolean {
  for (const key of Object.keys(selector.matchLabels)) {
    if (value(key) !== selector.matchLabels[key]) return false;
  }
  for (const expression of selector.matchExpressions) {
    const actual = value(expression.key);
    switch (expression.operator) {
      case 'In': if (actual === undefined || !expression.values.includes(actual)) return false; break;
      case 'NotIn': if (actual !== undefined && expression.values.includes(actual)) return false; break;
      case 'Exists': if (actual === undefined) return false; break;
      case 'DoesNotExist': if (actual !== undefined) return false; break;
    }
  }
  return true;
}

/** Whether a Kubernetes label selector selects `labels` (an empty selector selects everything). */
export function selectsLabels(selector: LabelSelector, labels: Labels): boolean {
  return matches(selector, (key) => ownValue(labels, key));
}

/** Whether a Cilium endpoint selector selects an identity, reading keys with their sources. */
export function selectsIdentity(selector: LabelSelector, identity: Identity): boolean {
  return matches(selector, (key) => identityValue(identity, key));
}

/** The label keys a selector constrains, without their sources (`k8s:app` is `app`). */
export function selectorKeys(selector: LabelSelector): { source: string; name: string }[] {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)].map((key) => {
    const colon = key.indexOf(':');
    return colon < 0 ? { source: 'any', name: key } : { source: key.slice(0, colon), name: key.slice(colon + 1) };
  });
}

/** `app=web,tier=front` (or `everything` for an empty selector): how reasons show a selector. */
export function describeSelector(selector: LabelSelector): string {
  const parts = [
    ...Object.keys(selector.matchLabels).map((k) => `${k}=${selector.matchLabels[k]}`),
    ...selector.matchExpressions.map((e) => `${e.key} ${e.operator}${e.values.length > 0 ? ` (${e.values.join(', ')})` : ''}`),
  ];
  return parts.length === 0 ? 'everything' : parts.join(',');
}

/** `app=web,tier=front`: how reasons show labels. */
export function describeLabels(labels: Labels): string {
  return Object.keys(labels).map((k) => `${k}=${labels[k]}`).join(',');
}
