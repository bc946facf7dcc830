import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { isGuid, requireDns1123Label, requireDns1123Subdomain, requireImage, requireLabels, requireProps } from '../core/validation';

/** The ServiceAccount annotation naming the managed identity's client ID. */
export const CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
/** The pod label without which the workload identity webhook leaves a pod alone. */
export const USE_WORKLOAD_IDENTITY_LABEL = 'azure.workload.identity/use';

/** Props of {@link WorkloadIdentityServiceAccount}. */
export interface WorkloadIdentityServiceAccountProps {
  /** Client ID of the user-assigned managed identity (`USER_ASSIGNED_CLIENT_ID`). */
  readonly clientId: string;
  /**
   * The ServiceAccount's name (`SERVICE_ACCOUNT_NAME`).
   * @default 'workload-identity-sa'
   */
  readonly name?: string;
  /**
   * Its namespace (`SERVICE_ACCOUNT_NAMESPACE`).
   * @default 'default'
   */
  readonly namespace?: string;
}

/**
 * A ServiceAccount bound to a user-assigned managed identity through Microsoft Entra
 * Workload ID. The federated credential (`az identity federated-credential create`) must
 * name the subject {@link subject}.
 */
export class WorkloadIdentityServiceAccount extends Construct {
  /** The ServiceAccount's name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** The managed identity's client ID. */
  public readonly clientId: string;
  /** The federated credential subject: `system:serviceaccount:<namespace>:<name>`. */
  public readonly subject: string;

  constructor(scope: Construct, id: string, props: WorkloadIdentityServiceAccountProps) {
    super(scope, id);
    requireProps(this, props, "{ clientId: '00000000-0000-0000-0000-000000000000' }");
    if (!isGuid(props.clientId)) {
      throw new InvalidPropError(this, 'clientId', props.clientId, 'must be a GUID, the client ID of the managed identity');
    }
    this.clientId = props.clientId;
    this.name = requireDns1123Subdomain(this, 'name', props.name ?? 'workload-identity-sa');
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'default');
    this.subject = `system:serviceaccount:${this.namespace}:${this.name}`;
    new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, annotations: { [CLIENT_ID_ANNOTATION]: this.clientId } },
    });
  }
}

/** Props of {@link WorkloadIdentityPod}. */
export interface WorkloadIdentityPodProps {
  /** The pod's name. */
  readonly name: string;
  /** The ServiceAccount whose identity the pod uses; the pod runs in its namespace. */
  readonly serviceAccount: WorkloadIdentityServiceAccount;
  /** The containers. */
  readonly containers: k8s.Container[];
  /**
   * Node selector.
   * @default - none
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * More pod labels.
   * @default - only the workload identity label
   */
  readonly labels?: Record<string, string>;
  /**
   * The pod's security context.
   * @default - none
   */
  readonly securityContext?: k8s.PodSecurityContext;
  /**
   * Mount the service account's Kubernetes API token. The workload identity token the webhook
   * injects is a volume of its own and does not need it.
   * @default - Kubernetes' default (mounted)
   */
  readonly automountServiceAccountToken?: boolean;
}

/**
 * A pod that uses a workload identity: it runs as the identity's ServiceAccount and carries
 * the `azure.workload.identity/use: "true"` label, which the workload identity webhook needs
 * to inject the token (the workshop warns that pods without it fail once restarted).
 */
export class WorkloadIdentityPod extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadIdentityPodProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'my-pod', serviceAccount, containers: [{ name: 'app', image: 'busybox:1.37' }] }");
    const { serviceAccount } = props;
    if (!(serviceAccount instanceof WorkloadIdentityServiceAccount)) {
      throw new InvalidPropError(this, 'serviceAccount', serviceAccount, 'must be a WorkloadIdentityServiceAccount');
    }
    if (!Array.isArray(props.containers) || props.containers.length === 0) {
      throw new InvalidPropError(this, 'containers', props.containers, 'must hold at least one container');
    }
    const names = new Set<string>();
    props.containers.forEach((container, i) => {
      const name = requireDns1123Label(this, `containers[${i}].name`, container?.name);
      if (names.has(name)) throw new InvalidPropError(this, `containers[${i}].name`, name, 'must differ from the other containers\' names');
      names.add(name);
      requireImage(this, `containers[${i}].image`, container.image);
    });
    const labels = requireLabels(this, 'labels', props.labels ?? {});
    const nodeSelector = props.nodeSelector === undefined ? undefined : requireLabels(this, 'nodeSelector', props.nodeSelector);
    new k8s.KubePod(this, 'Resource', {
      metadata: {
        name: requireDns1123Subdomain(this, 'name', props.name),
        namespace: serviceAccount.namespace,
        labels: { ...labels, [USE_WORKLOAD_IDENTITY_LABEL]: 'true' },
      },
      spec: {
        serviceAccountName: serviceAccount.name,
        containers: props.containers,
        nodeSelector,
        securityContext: props.securityContext,
        automountServiceAccountToken: props.automountServiceAccountToken,
      },
    });
  }
}
