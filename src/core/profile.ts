import { k8s } from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { isPinnedImage } from './images';
import { InvalidPropError } from './invalid-prop-error';
import { requireOneOf } from './validation';

/** How the manifests are written: as the workshop writes them, or hardened for a real cluster. */
export const PROFILES = ['workshop', 'hardened'] as const;

/**
 * `workshop`: exactly the workshop's manifests. `hardened`: the Pod Security Standard
 * `restricted` with user and group ids of 10000 or more, read-only root file systems (the paths
 * each image writes are size-limited `emptyDir`s), requests and limits of CPU, memory and
 * ephemeral storage, liveness and readiness probes, a ServiceAccount per workload whose token is
 * not mounted unless the pod calls the Kubernetes API, pinned images, and credentials from
 * Secrets (synced from Azure Key Vault when a Key Vault is given); the workshop charts add a
 * network policy for every workload and a default-deny policy in each namespace they create.
 */
export type Profile = typeof PROFILES[number];

/** The Pod Security Standards levels, most permissive first. */
export const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;

/** A Pod Security Standards level. */
export type PodSecurityLevel = typeof POD_SECURITY_LEVELS[number];

/** The Kubernetes version of the Pod Security Standards the labels pin. */
export const POD_SECURITY_VERSION = 'v1.30';

/** @internal Throws unless `value` is a profile; returns it, `workshop` when undefined. */
export function requireProfile(scope: IConstruct, prop: string, value: unknown): Profile {
  return requireOneOf(scope, prop, value ?? 'workshop', PROFILES);
}

/** The user and group a container image runs as, for the `restricted` level. */
export interface RunAsUser {
  /** The user id (not 0). */
  readonly user: number;
  /**
   * The group id.
   * @default - the user id
   */
  readonly group?: number;
  /**
   * The group that owns the pod's volumes.
   * @default - none
   */
  readonly fsGroup?: number;
}

/** The seccomp profile of a pod or container. */
export interface SeccompProfile {
  /** `RuntimeDefault`, `Localhost` or `Unconfined`. */
  readonly type: string;
  /**
   * The profile's file on the node, for `Localhost`.
   * @default - none
   */
  readonly localhostProfile?: string;
}

/** Linux capabilities to add to or drop from a container. */
export interface ContainerCapabilities {
  /**
   * Capabilities to add, such as `NET_BIND_SERVICE`.
   * @default - none
   */
  readonly add?: string[];
  /**
   * Capabilities to drop (`ALL` for every one).
   * @default - none
   */
  readonly drop?: string[];
}

/** A container's security context, with Kubernetes' field names: the fields this library writes and checks. */
export interface ContainerSecurityContext {
  /**
   * Whether a process may gain more privileges than its parent.
   * @default - Kubernetes' default (true)
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Capabilities to add and drop.
   * @default - the runtime's defaults
   */
  readonly capabilities?: ContainerCapabilities;
  /**
   * Run privileged.
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * Mount the root file system read-only.
   * @default false
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Refuse to start as root.
   * @default - the pod's setting
   */
  readonly runAsNonRoot?: boolean;
  /**
   * The user id.
   * @default - the pod's or the image's
   */
  readonly runAsUser?: number;
  /**
   * The group id.
   * @default - the pod's or the image's
   */
  readonly runAsGroup?: number;
  /**
   * The seccomp profile.
   * @default - the pod's
   */
  readonly seccompProfile?: SeccompProfile;
}

/** A pod's security context, with Kubernetes' field names: the fields this library writes and checks. */
export interface PodSecurityContext {
  /**
   * Refuse to start containers as root.
   * @default false
   */
  readonly runAsNonRoot?: boolean;
  /**
   * The user id of every container.
   * @default - the images'
   */
  readonly runAsUser?: number;
  /**
   * The group id of every container.
   * @default - the images'
   */
  readonly runAsGroup?: number;
  /**
   * The group that owns the pod's volumes.
   * @default - none
   */
  readonly fsGroup?: number;
  /**
   * More groups for every container's first process.
   * @default - none
   */
  readonly supplementalGroups?: number[];
  /**
   * The seccomp profile.
   * @default - the runtime's (Unconfined unless the kubelet defaults otherwise)
   */
  readonly seccompProfile?: SeccompProfile;
}

/**
 * The lowest user and group id the hardened profile runs containers as: scanners (kube-score's
 * `container-security-context-user-group-id`) flag lower ids, which may coincide with users of
 * the node.
 */
export const MIN_HARDENED_ID = 10000;

/**
 * @internal The pod and container security contexts that meet the `restricted` Pod Security
 * Standard: non-root with a fixed user, no privilege escalation, every capability dropped, the
 * runtime's default seccomp profile, and (unless `readOnlyRootFilesystem` is false) a read-only
 * root file system: what the image writes goes to `emptyDir` volumes.
 */
export function restrictedSecurity(
  runAs: RunAsUser, options: { readonly readOnlyRootFilesystem?: boolean } = {},
): { readonly pod: k8s.PodSecurityContext; readonly container: k8s.SecurityContext } {
  return {
    pod: {
      runAsNonRoot: true,
      runAsUser: runAs.user,
      runAsGroup: runAs.group ?? runAs.user,
      fsGroup: runAs.fsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true },
  };
}

/** @internal Throws, in the hardened profile, unless `image` names a fixed version (a tag other than `latest`, or a digest). */
export function requirePinnedImage(scope: IConstruct, prop: string, image: string, profile: Profile): string {
  if (profile === 'hardened' && !isPinnedImage(image)) {
    throw new InvalidPropError(scope, prop, image,
      "must name a fixed version in the hardened profile: a tag other than 'latest' (such as ':1.37.0'), or a digest ('@sha256:...')");
  }
  return image;
}

/**
 * The labels that make Pod Security admission enforce `enforce` in a namespace, and warn and
 * audit at `warn` (for a namespace whose pods meet a stricter level than can be enforced).
 */
export function podSecurityLabels(enforce: PodSecurityLevel, warn: PodSecurityLevel = enforce): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': enforce,
    'pod-security.kubernetes.io/enforce-version': POD_SECURITY_VERSION,
    'pod-security.kubernetes.io/warn': warn,
    'pod-security.kubernetes.io/warn-version': POD_SECURITY_VERSION,
    'pod-security.kubernetes.io/audit': warn,
    'pod-security.kubernetes.io/audit-version': POD_SECURITY_VERSION,
  };
}

/** The Pod Security admission modes a namespace label sets: `pod-security.kubernetes.io/<mode>` (and `<mode>-version`). */
const POD_SECURITY_MODES = ['enforce', 'warn', 'audit'] as const;
const POD_SECURITY_PREFIX = 'pod-security.kubernetes.io/';
const POD_SECURITY_VERSION_VALUE = /^(latest|v1\.(0|[1-9][0-9]*))$/;

/** The Pod Security level each profile's namespaces enforce: none in `workshop`, `restricted` in `hardened`. */
export const PROFILE_POD_SECURITY: Readonly<Record<Profile, PodSecurityLevel | undefined>> = { workshop: undefined, hardened: 'restricted' };

/** @internal What {@link requirePodSecurityLabels} holds an `enforce` label to. */
export interface PodSecurityLabelRules {
  /** The profile the namespace is written in; its level ({@link PROFILE_POD_SECURITY}) is the floor. */
  readonly profile: Profile;
  /**
   * The weakest level asked for by name (the `allowWeakerPodSecurity` prop or option).
   * @default - none: an `enforce` label may not go below the profile's level
   */
  readonly allowWeaker?: PodSecurityLevel;
  /** The prop or option that asks for it, for the message. */
  readonly allowProp: string;
}

/**
 * @internal Checks the Pod Security admission labels among namespace `labels` (named `prop` of
 * `scope`): keys admission reads, levels it knows, versions `latest` or `v1.<minor>`, and no
 * `enforce` level below the profile's unless a level at most as weak is asked for by name.
 */
export function requirePodSecurityLabels(
  scope: IConstruct, prop: string, labels: Readonly<Record<string, string>>, rules?: PodSecurityLabelRules,
): void {
  const rank = (level: PodSecurityLevel) => POD_SECURITY_LEVELS.indexOf(level);
  const floor = rules === undefined ? undefined : PROFILE_POD_SECURITY[rules.profile];
  for (const [key, value] of Object.entries(labels)) {
    if (!key.startsWith(POD_SECURITY_PREFIX)) continue;
    const mode = key.slice(POD_SECURITY_PREFIX.length);
    const base = mode.replace(/-version$/, '');
    if (!(POD_SECURITY_MODES as readonly string[]).includes(base)) {
      throw new InvalidPropError(scope, `${prop} key`, key,
        `must be a label Pod Security admission reads: ${POD_SECURITY_MODES.map((m) => `${POD_SECURITY_PREFIX}${m}`).join(', ')}, each also with -version`);
    }
    if (mode !== base) {
      if (!POD_SECURITY_VERSION_VALUE.test(value)) {
        throw new InvalidPropError(scope, `${prop}.${key}`, value, "must be 'latest' or a Kubernetes version such as 'v1.30'");
      }
      continue;
    }
    const level = requireOneOf(scope, `${prop}.${key}`, value, POD_SECURITY_LEVELS);
    if (base !== 'enforce' || rules === undefined || floor === undefined || rank(level) >= rank(floor)) continue;
    if (rules.allowWeaker === undefined || rank(level) < rank(rules.allowWeaker)) {
      throw new InvalidPropError(scope, `${prop}.${key}`, value,
        `must not be below '${floor}', the level the ${rules.profile} profile enforces; to weaken it, ask for the level by name: ${rules.allowProp}: '${level}'`);
    }
  }
}
