/**
 * The Pod Security Standards (Kubernetes v1.30), baseline and restricted, as published at
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/, checked over the pod
 * templates of manifests. Used by the tests to prove the levels the README claims.
 */

export type Level = 'privileged' | 'baseline' | 'restricted';

/** A pod template of a manifest object. */
export interface PodTemplate {
  /** `Kind namespace/name` of the object that holds it. */
  readonly owner: string;
  readonly namespace?: string;
  readonly metadata: any;
  readonly spec: any;
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** The pod templates of `objects`: Pods, and the templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs. */
export function podTemplates(objects: readonly any[]): PodTemplate[] {
  const templates: PodTemplate[] = [];
  for (const o of objects) {
    const owner = `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    const namespace = o.metadata?.namespace;
    if (o.kind === 'Pod') templates.push({ owner, namespace, metadata: o.metadata ?? {}, spec: o.spec ?? {} });
    else if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) templates.push({ owner, namespace, metadata: o.spec?.template?.metadata ?? {}, spec: o.spec?.template?.spec ?? {} });
    else if (o.kind === 'CronJob') templates.push({ owner, namespace, metadata: o.spec?.jobTemplate?.spec?.template?.metadata ?? {}, spec: o.spec?.jobTemplate?.spec?.template?.spec ?? {} });
  }
  return templates;
}

function containersOf(spec: any): any[] {
  return [...spec.initContainers ?? [], ...spec.containers ?? [], ...spec.ephemeralContainers ?? []];
}

/** What keeps a pod template from the baseline level (empty when it meets it). */
export function baselineViolations(template: PodTemplate): string[] {
  const { spec, metadata } = template;
  const out: string[] = [];
  const containers = containersOf(spec);
  const contexts = [{ where: 'pod', sc: spec.securityContext ?? {} }, ...containers.map((c) => ({ where: `container ${c.name}`, sc: c.securityContext ?? {} }))];
  for (const { where, sc } of contexts) {
    if (sc.windowsOptions?.hostProcess) out.push(`${where}: hostProcess`);
    if (sc.seLinuxOptions) {
      if (!SELINUX_TYPES.has(sc.seLinuxOptions.type ?? '')) out.push(`${where}: seLinuxOptions.type ${sc.seLinuxOptions.type}`);
      if (sc.seLinuxOptions.user || sc.seLinuxOptions.role) out.push(`${where}: seLinuxOptions user or role`);
    }
    if (sc.seccompProfile?.type === 'Unconfined') out.push(`${where}: seccomp Unconfined`);
    if (sc.appArmorProfile?.type === 'Unconfined') out.push(`${where}: appArmor Unconfined`);
  }
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) out.push('host namespaces');
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) out.push(`container ${c.name}: privileged`);
    for (const cap of sc.capabilities?.add ?? []) if (!BASELINE_CAPABILITIES.has(cap)) out.push(`container ${c.name}: adds capability ${cap}`);
    if (sc.procMount && sc.procMount !== 'Default') out.push(`container ${c.name}: procMount ${sc.procMount}`);
    for (const p of c.ports ?? []) if (p.hostPort) out.push(`container ${c.name}: hostPort ${p.hostPort}`);
  }
  for (const v of spec.volumes ?? []) if (v.hostPath) out.push(`volume ${v.name}: hostPath`);
  for (const s of spec.securityContext?.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) out.push(`sysctl ${s.name}`);
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !String(value).startsWith('localhost/')) out.push(`annotation ${key}`);
  }
  return out;
}

/** What keeps a pod template from the restricted level, beyond baseline (empty when it meets it). */
export function restrictedViolations(template: PodTemplate): string[] {
  const { spec } = template;
  const out = baselineViolations(template);
  const pod = spec.securityContext ?? {};
  const containers = containersOf(spec);
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type === undefined || !RESTRICTED_VOLUMES.has(type)) out.push(`volume ${v.name}: type ${type}`);
  }
  if (pod.runAsUser === 0) out.push('pod: runAsUser 0');
  const podSeccomp = pod.seccompProfile?.type;
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) out.push(`container ${c.name}: allowPrivilegeEscalation is not false`);
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && pod.runAsNonRoot !== true)) out.push(`container ${c.name}: runAsNonRoot is not true`);
    if (sc.runAsUser === 0) out.push(`container ${c.name}: runAsUser 0`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`container ${c.name}: seccompProfile is not RuntimeDefault or Localhost`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`container ${c.name}: does not drop ALL capabilities`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') out.push(`container ${c.name}: adds capability ${cap}`);
  }
  return out;
}

/** The strictest level a pod template meets. */
export function levelOf(template: PodTemplate): Level {
  if (baselineViolations(template).length > 0) return 'privileged';
  return restrictedViolations(template).length > 0 ? 'baseline' : 'restricted';
}

/** Whether `level` allows what `required` allows at most. */
export function meets(level: Level, required: Level): boolean {
  const order: Level[] = ['privileged', 'baseline', 'restricted'];
  return order.indexOf(level) >= order.indexOf(required);
}
