import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { execProbe, httpGetProbe, ProbeTiming, tcpSocketProbe } from '../core/hardening';
import { InvalidPropError } from '../core/invalid-prop-error';
import { namespaceFor } from '../core/namespace-ref';
import { ContainerCapabilities, ContainerSecurityContext, PodSecurityContext, SeccompProfile } from '../core/profile';
import { PORT_PROTOCOLS, PortProtocol } from '../core/protocols';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import {
  INT32_MAX,
  isConfigKey,
  isGuid,
  isValidPortName,
  KnownKeys,
  PORT_NAME_RULE,
  requireBoolean,
  requireDns1123Label,
  requireDns1123Subdomain,
  requireImage,
  requireIntegerInRange,
  requireKnownKeys,
  requireLabels,
  requireNonNegativeInteger,
  requireOneOf,
  requirePort,
  requireProps,
} from '../core/validation';

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
   * @default - the chart's `namespace`, else 'default'
   */
  readonly namespace?: string;
  /**
   * Whether pods of this ServiceAccount mount its Kubernetes API token by default (the
   * ServiceAccount's `automountServiceAccountToken`). The workload identity token the webhook
   * injects is a projected volume of its own and does not need it: the hardened profile sets it
   * to false.
   * @default - Kubernetes' default (mounted); the field is not written
   */
  readonly automountServiceAccountToken?: boolean;
}

const SERVICE_ACCOUNT_PROPS: KnownKeys<WorkloadIdentityServiceAccountProps> = {
  clientId: true, name: true, namespace: true, automountServiceAccountToken: true,
};

/**
 * A ServiceAccount bound to a user-assigned managed identity through Microsoft Entra
 * Workload ID. The federated credential (`az identity federated-credential create`) must
 * name the subject `subject`.
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
    requireProps(this, props, "{ clientId: '00000000-0000-0000-0000-000000000000' }", SERVICE_ACCOUNT_PROPS);
    if (!isGuid(props.clientId)) {
      throw new InvalidPropError(this, 'clientId', props.clientId, 'must be a GUID, the client ID of the managed identity');
    }
    this.clientId = props.clientId;
    this.name = requireDns1123Subdomain(this, 'name', props.name ?? 'workload-identity-sa');
    this.namespace = namespaceFor(this, props.namespace, 'default');
    this.subject = `system:serviceaccount:${this.namespace}:${this.name}`;
    new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, annotations: { [CLIENT_ID_ANNOTATION]: this.clientId } },
      automountServiceAccountToken: props.automountServiceAccountToken === undefined ? undefined
        : requireBoolean(this, 'automountServiceAccountToken', props.automountServiceAccountToken),
    });
  }
}

/** A key of a Secret or ConfigMap, for an environment variable. */
export interface EnvKeyRef {
  /** The Secret's or ConfigMap's name. */
  readonly name: string;
  /** The key. */
  readonly key: string;
}

/** Where an environment variable's value comes from, when not given: one of the three. */
export interface EnvVarSource {
  /**
   * A key of a Secret.
   * @default - not from a Secret
   */
  readonly secretKeyRef?: EnvKeyRef;
  /**
   * A key of a ConfigMap.
   * @default - not from a ConfigMap
   */
  readonly configMapKeyRef?: EnvKeyRef;
  /**
   * A field of the pod, such as `{ fieldPath: 'metadata.namespace' }`.
   * @default - not from a field
   */
  readonly fieldRef?: { readonly fieldPath: string };
}

/** An environment variable of a {@link WorkloadIdentityContainer}: a value, or where to read it. */
export interface ContainerEnvVar {
  /** The variable's name. */
  readonly name: string;
  /**
   * Its value.
   * @default - from `valueFrom`, or empty
   */
  readonly value?: string;
  /**
   * Where its value comes from.
   * @default - `value`
   */
  readonly valueFrom?: EnvVarSource;
}

/** A port a {@link WorkloadIdentityContainer} listens on. */
export interface ContainerPortSpec {
  /** The port number. */
  readonly containerPort: number;
  /**
   * Its name (at most 15 characters).
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The protocol.
   * @default 'TCP'
   */
  readonly protocol?: PortProtocol;
}

/**
 * A liveness or readiness probe of a {@link WorkloadIdentityContainer}: exactly one of a command,
 * an HTTP GET or a TCP connect, with its timing.
 */
export interface ContainerProbe extends ProbeTiming {
  /**
   * A command run in the container; exit code 0 passes.
   * @default - not a command probe
   */
  readonly command?: string[];
  /**
   * An HTTP GET of `path` on `port`; a 2xx or 3xx answer passes.
   * @default - not an HTTP probe
   */
  readonly httpGet?: { readonly path: string; readonly port: number };
  /**
   * A TCP connect to this port; a connection passes.
   * @default - not a TCP probe
   */
  readonly tcpPort?: number;
}

/** The image pull policies of a container. */
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

/** When the kubelet pulls a container's image. */
export type ImagePullPolicy = typeof IMAGE_PULL_POLICIES[number];

/**
 * A container of a {@link WorkloadIdentityPod}, with Kubernetes' field names, except
 * `resources`, which take cdk8s-plus's shape as every construct of this library does
 * (`{ cpu: { request: Cpu.millis(5) }, memory: { limit: Size.mebibytes(64) } }`).
 */
export interface WorkloadIdentityContainer {
  /** The container's name (a DNS-1123 label, unique in the pod). */
  readonly name: string;
  /** The image. */
  readonly image: string;
  /**
   * The entrypoint.
   * @default - the image's
   */
  readonly command?: string[];
  /**
   * Its arguments.
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * The working folder.
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * Environment variables.
   * @default - none
   */
  readonly env?: ContainerEnvVar[];
  /**
   * The ports it listens on.
   * @default - none
   */
  readonly ports?: ContainerPortSpec[];
  /**
   * Requests and limits.
   * @default - none
   */
  readonly resources?: IContainerResources;
  /**
   * The container's security context.
   * @default - none
   */
  readonly securityContext?: ContainerSecurityContext;
  /**
   * When the image is pulled.
   * @default - Kubernetes' default (`Always` for `:latest` and untagged images, else `IfNotPresent`)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * When the container is ready for traffic (and, for a pod without a Service, that it works).
   * @default - none
   */
  readonly readinessProbe?: ContainerProbe;
  /**
   * When the container is restarted.
   * @default - none
   */
  readonly livenessProbe?: ContainerProbe;
}

/** Props of {@link WorkloadIdentityPod}. */
export interface WorkloadIdentityPodProps {
  /** The pod's name. */
  readonly name: string;
  /** The ServiceAccount whose identity the pod uses; the pod runs in its namespace. */
  readonly serviceAccount: WorkloadIdentityServiceAccount;
  /** The containers. */
  readonly containers: WorkloadIdentityContainer[];
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
  readonly securityContext?: PodSecurityContext;
  /**
   * Mount the service account's Kubernetes API token. The workload identity token the webhook
   * injects is a volume of its own and does not need it.
   * @default - Kubernetes' default (mounted)
   */
  readonly automountServiceAccountToken?: boolean;
}

const POD_PROPS: KnownKeys<WorkloadIdentityPodProps> = {
  name: true, serviceAccount: true, containers: true, nodeSelector: true, labels: true, securityContext: true, automountServiceAccountToken: true,
};
const CONTAINER_KEYS: KnownKeys<WorkloadIdentityContainer> = {
  name: true,
  image: true,
  command: true,
  args: true,
  workingDir: true,
  env: true,
  ports: true,
  resources: true,
  securityContext: true,
  imagePullPolicy: true,
  readinessProbe: true,
  livenessProbe: true,
};
const PROBE_KEYS: KnownKeys<ContainerProbe> = {
  command: true, httpGet: true, tcpPort: true, initialDelaySeconds: true, periodSeconds: true, timeoutSeconds: true, failureThreshold: true,
};
const ENV_KEYS: KnownKeys<ContainerEnvVar> = { name: true, value: true, valueFrom: true };
const ENV_SOURCE_KEYS: KnownKeys<EnvVarSource> = { secretKeyRef: true, configMapKeyRef: true, fieldRef: true };
const KEY_REF_KEYS: KnownKeys<EnvKeyRef> = { name: true, key: true };
const PORT_KEYS: KnownKeys<ContainerPortSpec> = { containerPort: true, name: true, protocol: true };
const CONTAINER_SECURITY_KEYS: KnownKeys<ContainerSecurityContext> = {
  allowPrivilegeEscalation: true,
  capabilities: true,
  privileged: true,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: true,
  runAsGroup: true,
  seccompProfile: true,
};
const POD_SECURITY_KEYS: KnownKeys<PodSecurityContext> = {
  runAsNonRoot: true, runAsUser: true, runAsGroup: true, fsGroup: true, supplementalGroups: true, seccompProfile: true,
};
const CAPABILITIES_KEYS: KnownKeys<ContainerCapabilities> = { add: true, drop: true };
const SECCOMP_KEYS: KnownKeys<SeccompProfile> = { type: true, localhostProfile: true };
const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost', 'Unconfined'] as const;

/**
 * A pod that uses a workload identity: it runs as the identity's ServiceAccount and carries
 * the `azure.workload.identity/use: "true"` label, which the workload identity webhook needs
 * to inject the token (the workshop warns that pods without it fail once restarted).
 */
export class WorkloadIdentityPod extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadIdentityPodProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'my-pod', serviceAccount, containers: [{ name: 'app', image: 'busybox:1.37' }] }", POD_PROPS);
    const { serviceAccount } = props;
    if (!(serviceAccount instanceof WorkloadIdentityServiceAccount)) {
      throw new InvalidPropError(this, 'serviceAccount', serviceAccount, 'must be a WorkloadIdentityServiceAccount');
    }
    if (!Array.isArray(props.containers) || props.containers.length === 0) {
      throw new InvalidPropError(this, 'containers', props.containers, 'must hold at least one container');
    }
    const names = new Set<string>();
    const containers = props.containers.map((container, i) => {
      const prop = `containers[${i}]`;
      const name = requireDns1123Label(this, `${prop}.name`, container?.name);
      if (names.has(name)) throw new InvalidPropError(this, `${prop}.name`, name, 'must differ from the other containers\' names');
      names.add(name);
      return this.renderContainer(prop, container);
    });
    const labels = requireLabels(this, 'labels', props.labels ?? {});
    const nodeSelector = props.nodeSelector === undefined ? undefined : requireLabels(this, 'nodeSelector', props.nodeSelector);
    const securityContext = props.securityContext === undefined ? undefined : this.checkPodSecurity(props.securityContext);
    const automount = props.automountServiceAccountToken === undefined ? undefined
      : requireBoolean(this, 'automountServiceAccountToken', props.automountServiceAccountToken);
    new k8s.KubePod(this, 'Resource', {
      metadata: {
        name: requireDns1123Subdomain(this, 'name', props.name),
        namespace: serviceAccount.namespace,
        labels: { ...labels, [USE_WORKLOAD_IDENTITY_LABEL]: 'true' },
      },
      spec: {
        serviceAccountName: serviceAccount.name,
        containers,
        nodeSelector,
        securityContext,
        automountServiceAccountToken: automount,
      },
    });
  }

  private renderContainer(prop: string, container: WorkloadIdentityContainer): k8s.Container {
    requireKnownKeys(this, prop, container, CONTAINER_KEYS, 'a field of a container');
    const strings = (field: 'command' | 'args') => {
      const value = container[field];
      if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
        throw new InvalidPropError(this, `${prop}.${field}`, value, 'must be a list of strings');
      }
      return value === undefined ? undefined : [...value];
    };
    if (container.workingDir !== undefined && (typeof container.workingDir !== 'string' || !container.workingDir.startsWith('/'))) {
      throw new InvalidPropError(this, `${prop}.workingDir`, container.workingDir, "must be an absolute path, starting with '/'");
    }
    return {
      name: container.name,
      image: requireImage(this, `${prop}.image`, container.image),
      command: strings('command'),
      args: strings('args'),
      workingDir: container.workingDir,
      env: container.env === undefined ? undefined : this.renderEnv(`${prop}.env`, container.env),
      ports: container.ports === undefined ? undefined : this.renderPorts(`${prop}.ports`, container.ports),
      resources: container.resources === undefined ? undefined : toResourceRequirements(this, `${prop}.resources`, container.resources),
      securityContext: container.securityContext === undefined ? undefined : this.checkContainerSecurity(`${prop}.securityContext`, container.securityContext),
      imagePullPolicy: container.imagePullPolicy === undefined ? undefined
        : requireOneOf(this, `${prop}.imagePullPolicy`, container.imagePullPolicy, IMAGE_PULL_POLICIES),
      readinessProbe: container.readinessProbe === undefined ? undefined : this.renderProbe(`${prop}.readinessProbe`, container.readinessProbe),
      livenessProbe: container.livenessProbe === undefined ? undefined : this.renderProbe(`${prop}.livenessProbe`, container.livenessProbe),
    };
  }

  private renderProbe(prop: string, probe: ContainerProbe): k8s.Probe {
    requireKnownKeys(this, prop, probe, PROBE_KEYS, 'a field of a probe');
    const kinds = (['command', 'httpGet', 'tcpPort'] as const).filter((k) => probe[k] !== undefined);
    if (kinds.length !== 1) throw new InvalidPropError(this, prop, kinds, 'must give exactly one of command, httpGet, tcpPort');
    const timing: Record<string, number> = {};
    for (const [field, min] of [['initialDelaySeconds', 0], ['periodSeconds', 1], ['timeoutSeconds', 1], ['failureThreshold', 1]] as const) {
      if (probe[field] !== undefined) timing[field] = requireIntegerInRange(this, `${prop}.${field}`, probe[field], min, INT32_MAX);
    }
    if (probe.command !== undefined) {
      if (!Array.isArray(probe.command) || probe.command.length === 0 || probe.command.some((c) => typeof c !== 'string')) {
        throw new InvalidPropError(this, `${prop}.command`, probe.command, 'must be a non-empty list of strings');
      }
      return execProbe(probe.command, timing);
    }
    if (probe.httpGet !== undefined) {
      requireKnownKeys(this, `${prop}.httpGet`, probe.httpGet, { path: true, port: true }, 'a field of an HTTP probe');
      if (typeof probe.httpGet.path !== 'string' || !probe.httpGet.path.startsWith('/')) {
        throw new InvalidPropError(this, `${prop}.httpGet.path`, probe.httpGet.path, "must be a path starting with '/'");
      }
      return httpGetProbe(probe.httpGet.path, requirePort(this, `${prop}.httpGet.port`, probe.httpGet.port), timing);
    }
    return tcpSocketProbe(requirePort(this, `${prop}.tcpPort`, probe.tcpPort), timing);
  }

  private renderEnv(prop: string, env: readonly ContainerEnvVar[]): k8s.EnvVar[] {
    if (!Array.isArray(env)) throw new InvalidPropError(this, prop, env, "must be a list of variables such as { name: 'X', value: '1' }");
    return env.map((variable, i) => {
      const at = `${prop}[${i}]`;
      requireKnownKeys(this, at, variable, ENV_KEYS, 'a field of an environment variable');
      if (typeof variable.name !== 'string' || variable.name.length === 0 || variable.name.includes('=')) {
        throw new InvalidPropError(this, `${at}.name`, variable.name, "must be a variable name: not empty, without '='");
      }
      if (variable.value !== undefined && typeof variable.value !== 'string') throw new InvalidPropError(this, `${at}.value`, variable.value, 'must be a string');
      if (variable.valueFrom === undefined) return { name: variable.name, value: variable.value };
      if (variable.value !== undefined) throw new InvalidPropError(this, `${at}.valueFrom`, Object.keys(variable.valueFrom ?? {}), 'must be left out when value is given');
      const source = requireKnownKeys(this, `${at}.valueFrom`, variable.valueFrom, ENV_SOURCE_KEYS, 'a source of a value');
      const given = Object.keys(source).filter((k) => source[k as keyof EnvVarSource] !== undefined);
      if (given.length !== 1) throw new InvalidPropError(this, `${at}.valueFrom`, given, 'must name exactly one of secretKeyRef, configMapKeyRef, fieldRef');
      for (const field of ['secretKeyRef', 'configMapKeyRef'] as const) {
        const ref = source[field];
        if (ref === undefined) continue;
        requireKnownKeys(this, `${at}.valueFrom.${field}`, ref, KEY_REF_KEYS, `a field of ${field}`);
        requireDns1123Subdomain(this, `${at}.valueFrom.${field}.name`, ref.name);
        if (typeof ref.key !== 'string' || !isConfigKey(ref.key)) {
          throw new InvalidPropError(this, `${at}.valueFrom.${field}.key`, ref.key, "must be a key of at most 253 letters, digits, '-', '_' or '.'");
        }
      }
      if (source.fieldRef !== undefined) {
        requireKnownKeys(this, `${at}.valueFrom.fieldRef`, source.fieldRef, { fieldPath: true }, 'a field of fieldRef');
        if (typeof source.fieldRef.fieldPath !== 'string' || source.fieldRef.fieldPath.length === 0) {
          throw new InvalidPropError(this, `${at}.valueFrom.fieldRef.fieldPath`, source.fieldRef.fieldPath, "must be a field path such as 'metadata.namespace'");
        }
      }
      return { name: variable.name, valueFrom: source };
    });
  }

  private renderPorts(prop: string, ports: readonly ContainerPortSpec[]): k8s.ContainerPort[] {
    if (!Array.isArray(ports)) throw new InvalidPropError(this, prop, ports, 'must be a list of ports such as { containerPort: 8080 }');
    return ports.map((port, i) => {
      const at = `${prop}[${i}]`;
      requireKnownKeys(this, at, port, PORT_KEYS, 'a field of a port');
      if (port.name !== undefined && (typeof port.name !== 'string' || !isValidPortName(port.name))) {
        throw new InvalidPropError(this, `${at}.name`, port.name, `must be ${PORT_NAME_RULE}`);
      }
      const name = port.name;
      return {
        containerPort: requirePort(this, `${at}.containerPort`, port.containerPort),
        name,
        protocol: port.protocol === undefined ? undefined : requireOneOf(this, `${at}.protocol`, port.protocol, PORT_PROTOCOLS),
      };
    });
  }

  private checkContainerSecurity(prop: string, context: ContainerSecurityContext): ContainerSecurityContext {
    requireKnownKeys(this, prop, context, CONTAINER_SECURITY_KEYS, 'a field of a container security context');
    for (const field of ['allowPrivilegeEscalation', 'privileged', 'readOnlyRootFilesystem', 'runAsNonRoot'] as const) {
      if (context[field] !== undefined) requireBoolean(this, `${prop}.${field}`, context[field]);
    }
    for (const field of ['runAsUser', 'runAsGroup'] as const) {
      if (context[field] !== undefined) requireNonNegativeInteger(this, `${prop}.${field}`, context[field]);
    }
    if (context.capabilities !== undefined) {
      requireKnownKeys(this, `${prop}.capabilities`, context.capabilities, CAPABILITIES_KEYS, 'add or drop');
      for (const field of ['add', 'drop'] as const) {
        const list = context.capabilities[field];
        if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string' || !/^[A-Z_]+$/.test(c)))) {
          throw new InvalidPropError(this, `${prop}.capabilities.${field}`, list, "must be a list of capability names such as 'NET_ADMIN' or 'ALL'");
        }
      }
    }
    if (context.seccompProfile !== undefined) this.checkSeccomp(`${prop}.seccompProfile`, context.seccompProfile);
    return context;
  }

  private checkPodSecurity(context: PodSecurityContext): PodSecurityContext {
    const prop = 'securityContext';
    requireKnownKeys(this, prop, context, POD_SECURITY_KEYS, 'a field of a pod security context');
    if (context.runAsNonRoot !== undefined) requireBoolean(this, `${prop}.runAsNonRoot`, context.runAsNonRoot);
    for (const field of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
      if (context[field] !== undefined) requireNonNegativeInteger(this, `${prop}.${field}`, context[field]);
    }
    if (context.supplementalGroups !== undefined) {
      if (!Array.isArray(context.supplementalGroups)) throw new InvalidPropError(this, `${prop}.supplementalGroups`, context.supplementalGroups, 'must be a list of group ids');
      context.supplementalGroups.forEach((g, i) => requireNonNegativeInteger(this, `${prop}.supplementalGroups[${i}]`, g));
    }
    if (context.seccompProfile !== undefined) this.checkSeccomp(`${prop}.seccompProfile`, context.seccompProfile);
    return context;
  }

  private checkSeccomp(prop: string, profile: SeccompProfile): void {
    requireKnownKeys(this, prop, profile, SECCOMP_KEYS, 'a field of a seccomp profile');
    const type = requireOneOf(this, `${prop}.type`, profile.type, SECCOMP_TYPES);
    if ((type === 'Localhost') !== (profile.localhostProfile !== undefined)) {
      throw new InvalidPropError(this, `${prop}.localhostProfile`, profile.localhostProfile, "must be given for type 'Localhost', and only then");
    }
  }
}
