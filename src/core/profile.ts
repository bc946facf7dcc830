import { k8s } from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { isPinnedImage } from './images';
import { InvalidPropError } from './invalid-prop-error';
import { requireOneOf } from './validation';

/** How the manifests are written: as the workshop writes them, or hardened for a real cluster. */
export const PROFILES = ['workshop', 'hardened'] as const;

/**
 * `workshop`: exactly the workshop's manifests. `hardened`: Pod Security Standards
 * `restricted` where the image can run that way (else `baseline`), credentials from
 * Secrets, pinned images, requests and limits on every container, no service account token
 * where the pod does not call the Kubernetes API.
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

/**
 * @internal The pod and container security contexts that meet the `restricted` Pod Security
 * Standard: non-root with a fixed user, no privilege escalation, every capability dropped, the
 * runtime's default seccomp profile.
 */
export function restrictedSecurity(runAs: RunAsUser): { readonly pod: k8s.PodSecurityContext; readonly container: k8s.SecurityContext } {
  return {
    pod: {
      runAsNonRoot: true,
      runAsUser: runAs.user,
      runAsGroup: runAs.group ?? runAs.user,
      fsGroup: runAs.fsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    container: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

/**
 * @internal The security contexts of an image that must start as root (it drops to its own
 * user itself): the `baseline` level, with the runtime's default seccomp profile and no
 * privilege escalation.
 */
export function baselineSecurity(): { readonly pod: k8s.PodSecurityContext; readonly container: k8s.SecurityContext } {
  return { pod: { seccompProfile: { type: 'RuntimeDefault' } }, container: { allowPrivilegeEscalation: false } };
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
