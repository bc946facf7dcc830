import { Construct } from 'constructs';
import { InvalidPropError, requireDns1123Label, requireDns1123Subdomain, requireIntegerInRange, requireOneOf } from '../core/validation';
import { Workload } from '../core/workload';
import { PeerAuthentication, PeerAuthenticationSpecMtlsMode, PeerAuthenticationSpecPortLevelMtlsMode } from '../imports/security.istio.io';

/** How workloads accept traffic: mTLS only, mTLS or plaintext, plaintext only, or inherit. */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';

const MODES: readonly MtlsMode[] = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'];

/** Props of {@link MeshMtls}. */
export interface MeshMtlsProps {
  /** The namespace the policy applies in. */
  readonly namespace: string;
  /**
   * The mTLS mode.
   * @default 'STRICT'
   */
  readonly mode?: MtlsMode;
  /**
   * Limit the policy to one workload's pods.
   * @default - every workload of the namespace
   */
  readonly workload?: Workload;
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

/**
 * A `security.istio.io/v1` PeerAuthentication: which traffic the sidecars of a namespace (or
 * one workload) accept. The workshop's `pets-default` makes the `pets` namespace mTLS-only,
 * so clients outside the mesh are refused.
 */
export class MeshMtls extends Construct {
  /** The generated L1 object. */
  public readonly resource: PeerAuthentication;

  constructor(scope: Construct, id: string, props: MeshMtlsProps) {
    super(scope, id);
    const namespace = requireDns1123Label(this, 'namespace', props.namespace);
    const mode = requireOneOf(this, 'mode', props.mode ?? 'STRICT', MODES);
    if (props.workload && props.workload.namespace !== namespace) {
      throw new InvalidPropError(this, 'workload', `${props.workload.namespace}/${props.workload.name}`, `must run in namespace '${namespace}'`);
    }
    if (props.portModes !== undefined && props.workload === undefined) {
      throw new InvalidPropError(this, 'portModes', props.portModes, 'needs a workload: Istio applies port-level mTLS only to policies with a selector');
    }
    const portLevelMtls = props.portModes === undefined ? undefined : Object.fromEntries(Object.entries(props.portModes).map(([port, portMode]) => [
      String(requireIntegerInRange(this, 'portModes', Number(port), 1, 65535)),
      { mode: requireOneOf(this, `portModes.${port}`, portMode, MODES) as PeerAuthenticationSpecPortLevelMtlsMode },
    ]));
    const name = props.name ?? (props.workload ? `${props.workload.name}-mtls` : `${namespace}-default`);
    this.resource = new PeerAuthentication(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', name), namespace },
      spec: {
        selector: props.workload ? { matchLabels: { ...props.workload.podLabels } } : undefined,
        mtls: { mode: mode as PeerAuthenticationSpecMtlsMode },
        portLevelMtls,
      },
    });
  }
}
