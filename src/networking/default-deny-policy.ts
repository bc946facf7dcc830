import { Construct } from 'constructs';
import { CiliumPolicy, PolicyDirection, PodSelector } from './cilium-policy';
import { KnownKeys, requireDns1123Label, requireProps } from '../core/validation';

/** Props of {@link DefaultDenyPolicy}. */
export interface DefaultDenyPolicyProps {
  /** The namespace whose pods it selects: every one of them. */
  readonly namespace: string;
  /**
   * The policy's name.
   * @default 'default-deny'
   */
  readonly name?: string;
}

const DEFAULT_DENY_POLICY_PROPS: KnownKeys<DefaultDenyPolicyProps> = { namespace: true, name: true };

/**
 * A CiliumNetworkPolicy that selects every pod of a namespace and allows nothing in either
 * direction (`ingress: [{}]`, `egress: [{}]`): each pod gets only what the other policies that
 * select it allow, and a pod that no other policy selects gets nothing. Cilium adds the allow
 * lists of all the policies that select a pod, so this one never takes away what another allows.
 *
 * @example
 * new DefaultDenyPolicy(chart, 'default-deny', { namespace: 'pets' });
 */
export class DefaultDenyPolicy extends Construct {
  /** The generated policy. */
  public readonly policy: CiliumPolicy;

  constructor(scope: Construct, id: string, props: DefaultDenyPolicyProps) {
    super(scope, id);
    requireProps(this, props, "{ namespace: 'pets' }", DEFAULT_DENY_POLICY_PROPS);
    this.policy = new CiliumPolicy(this, 'policy', {
      name: props.name ?? 'default-deny',
      namespace: requireDns1123Label(this, 'namespace', props.namespace),
      selector: PodSelector.allPods(),
      description: 'Default deny: every pod of the namespace gets only what the policies that select it allow',
      ingress: PolicyDirection.denyAll(),
      egress: PolicyDirection.denyAll(),
    });
  }
}
