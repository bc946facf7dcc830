import { Construct } from 'constructs';
import { PeerAuthentication, PeerAuthenticationSpecMtlsMode, PeerAuthenticationSpecPortLevelMtlsMode } from '../../imports/istio-security.istio.io';
import { InvalidPropError } from '../core/invalid-prop-error';
import { INamespaceRef } from '../core/namespace-ref';
import { KnownKeys, requireDns1123Label, requireDns1123Subdomain, requireOneOf, requirePort, requireProps } from '../core/validation';
import { IWorkloadRef, requireWorkloadRef } from '../core/workload-ref';

/** mTLS modes of a PeerAuthentication. */
export const MTLS_MODES = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const;

/** How workloads accept traffic: mTLS only, mTLS or plaintext, plaintext only, or inherit. */
export type MtlsMode = typeof MTLS_MODES[number];

/** Props of {@link MeshMtls}. */
export interface MeshMtlsProps {
  /**
   * The namespace the policy applies to (every workload in it).
   * @default - the workload's namespace; one of `namespace` and `workload` is required
   */
  readonly namespace?: INamespaceRef;
  /**
   * Limit the policy to one workload's pods.
   * @default - every workload of the namespace
   */
  readonly workload?: IWorkloadRef;
  /**
   * The mTLS mode.
   * @default 'STRICT'
   */
  readonly mode?: MtlsMode;
  /**
   * Modes for single ports (container ports), overriding `mode`. Needs `workload`.
   * @default - none
   */
  readonly portModes?: Readonly<Record<number, MtlsMode>>;
  /**
   * The PeerAuthentication's name.
   * @default `<namespace>-default`, or `<workload>-mtls` with a workload
   */
  readonly name?: string;
}

const MESH_MTLS_PROPS: KnownKeys<MeshMtlsProps> = { namespace: true, workload: true, mode: true, portModes: true, name: true };

/**
 * A `security.istio.io/v1` PeerAuthentication: which traffic the sidecars of a namespace (or
 * one workload) accept. The workshop's `pets-default` makes the `pets` namespace mTLS-only,
 * so clients outside the mesh are refused.
 *
 * @example
 * new MeshMtls(chart, 'mtls', { namespace: store.namespace });               // pets-default, STRICT
 * new MeshMtls(chart, 'orders', { workload: store.orderService, mode: 'PERMISSIVE' });
 */
export class MeshMtls extends Construct {
  /** The namespace the policy is in. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly resource: PeerAuthentication;

  constructor(scope: Construct, id: string, props: MeshMtlsProps) {
    super(scope, id);
    requireProps(this, props, "{ namespace: store.namespace, mode: 'STRICT' }", MESH_MTLS_PROPS);
    const workload = props.workload === undefined ? undefined : requireWorkloadRef(this, 'workload', props.workload);
    if (props.namespace === undefined && workload === undefined) {
      throw new InvalidPropError(this, 'namespace', undefined, 'is required without a workload: name the namespace (store.namespace, NamespaceRef.named(...)) or a workload');
    }
    if (props.namespace !== undefined && (props.namespace === null || typeof props.namespace !== 'object')) {
      throw new InvalidPropError(this, 'namespace', props.namespace, "must be a namespace reference such as store.namespace or NamespaceRef.named('pets')");
    }
    const namespace = requireDns1123Label(this, 'namespace', props.namespace?.namespaceName ?? workload?.namespace);
    this.namespace = namespace;
    const mode = requireOneOf(this, 'mode', props.mode ?? 'STRICT', MTLS_MODES);
    if (workload && workload.namespace !== namespace) {
      throw new InvalidPropError(this, 'workload', `${workload.namespace}/${workload.name}`, `must run in namespace '${namespace}'`);
    }
    if (props.portModes !== undefined && workload === undefined) {
      throw new InvalidPropError(this, 'portModes', props.portModes, 'needs a workload: Istio applies port-level mTLS only to policies with a selector');
    }
    const portLevelMtls = props.portModes === undefined ? undefined : Object.fromEntries(Object.entries(props.portModes).map(([port, portMode]) => [
      String(requirePort(this, 'portModes', Number(port))),
      { mode: requireOneOf(this, `portModes.${port}`, portMode, MTLS_MODES) as PeerAuthenticationSpecPortLevelMtlsMode },
    ]));
    const name = props.name ?? (workload ? `${workload.name}-mtls` : `${namespace}-default`);
    this.resource = new PeerAuthentication(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', name), namespace },
      spec: {
        selector: workload ? { matchLabels: { ...workload.podLabels } } : undefined,
        mtls: { mode: mode as PeerAuthenticationSpecMtlsMode },
        portLevelMtls,
      },
    });
  }
}
