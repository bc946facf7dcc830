import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { addSection, EDITIONS, ManifestFile, synthesizeManifests, WORKSHOP_EDITIONS, WorkshopEdition, WorkshopSettings } from '../src';
import { describeWithGoYaml, readManyWithGoYaml } from './support/go-yaml';
import { SAMPLE_SETTINGS } from './support/synth';

/**
 * The scanner of issue 23, point 5: what a platform team's scanners (kube-score, kube-linter,
 * Polaris, kubesec) and the Pod Security Standards ask of a workload, applied to every pod of
 * every hardened bundle (and step file) of both workshops, synthesized with the settings that
 * sync the credentials from Azure Key Vault. A rule a workload does not meet fails the test unless
 * the exception list below names it, with its reason; the table of docs/hardened.md is rendered
 * from the results.
 */

const KEY_VAULT_SETTINGS: WorkshopSettings = {
  ...SAMPLE_SETTINGS,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/',
};

/** Every file of `edition` in the hardened profile, with Key Vault settings. */
function hardenedFiles(edition: WorkshopEdition, settings: WorkshopSettings = KEY_VAULT_SETTINGS): ManifestFile[] {
  const app = new App({ outdir: 'unused' });
  for (const section of EDITIONS[edition].sections) addSection(app, section, { settings, profile: 'hardened' }, EDITIONS[edition].folder);
  return synthesizeManifests(app);
}

// ---------------------------------------------------------------------------------------------
// Quantities

const UNIT: Record<string, number> = { '': 1 / 1024, 'Ki': 1, 'Mi': 1024, 'Gi': 1024 ** 2, 'Ti': 1024 ** 3, 'k': 1000 / 1024, 'M': 1e6 / 1024, 'G': 1e9 / 1024 };

/** A storage quantity in kibibytes. */
function kibibytes(quantity: unknown): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(quantity));
  if (match === null) throw new Error(`not a storage quantity: ${JSON.stringify(quantity)}`);
  return Number(match[1]) * UNIT[match[2] ?? ''];
}

/** What the kubelet keeps of one container's logs (5 files of 10Mi). */
const LOG_ALLOWANCE_KIB = 50 * 1024;

// ---------------------------------------------------------------------------------------------
// The Pod Security Standards, restricted (Kubernetes v1.30), as published at
// https://kubernetes.io/docs/concepts/security/pod-security-standards/: the baseline controls,
// then the restricted ones. Each returns what breaks it.

const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

function allContainers(spec: any): any[] {
  return [...spec.initContainers ?? [], ...spec.containers ?? [], ...spec.ephemeralContainers ?? []];
}

/** What keeps a pod (its spec and metadata) from the restricted level; empty when it meets it. */
function podSecurityViolations(spec: any, metadata: any): string[] {
  const out: string[] = [];
  const pod = spec.securityContext ?? {};
  const containers = allContainers(spec);
  const contexts: [string, any][] = [['pod', pod], ...containers.map((c): [string, any] => [`container ${c.name}`, c.securityContext ?? {}])];
  // Baseline: HostProcess, host namespaces, privileged, capabilities, hostPath, host ports, AppArmor, SELinux, /proc mount, seccomp, sysctls.
  for (const [where, sc] of contexts) {
    if (sc.windowsOptions?.hostProcess === true) out.push(`${where}: HostProcess`);
    if (sc.seLinuxOptions !== undefined) {
      if (!SELINUX_TYPES.includes(sc.seLinuxOptions.type ?? '')) out.push(`${where}: SELinux type ${sc.seLinuxOptions.type}`);
      if ((sc.seLinuxOptions.user ?? '') !== '' || (sc.seLinuxOptions.role ?? '') !== '') out.push(`${where}: SELinux user or role`);
    }
    if (sc.appArmorProfile !== undefined && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type)) out.push(`${where}: AppArmor ${sc.appArmorProfile.type}`);
    if (sc.seccompProfile !== undefined && !['RuntimeDefault', 'Localhost'].includes(sc.seccompProfile.type)) out.push(`${where}: seccomp ${sc.seccompProfile.type}`);
  }
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[field] === true) out.push(`pod: ${field}`);
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) out.push(`container ${c.name}: privileged`);
    for (const cap of sc.capabilities?.add ?? []) if (!BASELINE_CAPABILITIES.includes(cap)) out.push(`container ${c.name}: adds ${cap}`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') out.push(`container ${c.name}: procMount ${sc.procMount}`);
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) !== 0) out.push(`container ${c.name}: hostPort ${p.hostPort}`);
  }
  for (const v of spec.volumes ?? []) if (v.hostPath !== undefined) out.push(`volume ${v.name}: hostPath`);
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) out.push(`pod: sysctl ${s.name}`);
  for (const [key, value] of Object.entries(metadata?.annotations ?? {})) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !String(value).startsWith('localhost/')) out.push(`annotation ${key}`);
  }
  // Restricted: volume types, privilege escalation, non-root, non-root user, seccomp, capabilities.
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type === undefined || !RESTRICTED_VOLUME_TYPES.includes(type)) out.push(`volume ${v.name}: type ${type}`);
  }
  if (pod.runAsUser === 0) out.push('pod: runAsUser 0');
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) out.push(`container ${c.name}: allowPrivilegeEscalation not false`);
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && pod.runAsNonRoot !== true)) out.push(`container ${c.name}: runAsNonRoot not true`);
    if (sc.runAsUser === 0) out.push(`container ${c.name}: runAsUser 0`);
    const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`container ${c.name}: seccomp not RuntimeDefault or Localhost`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`container ${c.name}: does not drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') out.push(`container ${c.name}: adds ${cap}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The workloads of the bundles

interface Workload {
  readonly file: ManifestFile;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly metadata: any;
  readonly spec: any;
}

function workloadsOf(file: ManifestFile): Workload[] {
  return file.objects.flatMap((o: any): Workload[] => {
    const namespace = o.metadata?.namespace ?? 'default';
    if (o.kind === 'Pod') return [{ file, kind: o.kind, namespace, name: o.metadata.name, metadata: o.metadata ?? {}, spec: o.spec ?? {} }];
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) {
      return [{ file, kind: o.kind, namespace, name: o.metadata.name, metadata: o.spec.template?.metadata ?? {}, spec: o.spec.template?.spec ?? {} }];
    }
    return [];
  });
}

/** The row of docs/hardened.md a workload belongs to. */
function rowOf(w: Workload): string {
  if (/^curl(-[a-z0-9-]+)?-deployment$/.test(w.name)) return 'curl clients';
  if (w.name === 'prometheus-reference-app') return 'prometheus reference app';
  return w.name;
}

/** The rows, in the order of docs/hardened.md. */
const ROWS = ['rabbitmq', 'order-service', 'product-service', 'store-front', 'hubble-ui', 'curl clients', 'mysql',
  'sample-workload-identity', 'sample-workload-identity-key-vault', 'prometheus reference app'];

/** Workloads that call the Kubernetes API, and so mount their ServiceAccount token. */
const API_CALLERS: Readonly<Record<string, string>> = { 'hubble-ui': 'token mounted: the backend reads the Kubernetes API' };

/** Secrets the platform creates (not credentials of the workload's to keep in Key Vault). */
const PLATFORM_SECRETS: Readonly<Record<string, string>> = {
  'kube-system/hubble-relay-client-certs': 'reads the Hubble Relay client certificate, which ACNS creates and rotates in the cluster',
};

/** Workloads that read Key Vault themselves, with their workload identity. */
const READS_KEY_VAULT_ITSELF: Readonly<Record<string, string>> = {
  'sample-workload-identity-key-vault': 'reads Key Vault itself with its workload identity; it holds no credential',
};

function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** The Cilium and Kubernetes network policies of `file` that select `w`'s pods, and the directions each restricts. */
function selectingPolicies(w: Workload): { name: string; ingress: boolean; egress: boolean; defaultDeny: boolean }[] {
  const labels = w.metadata.labels ?? {};
  return w.file.objects.flatMap((o: any) => {
    if ((o.metadata?.namespace ?? 'default') !== w.namespace) return [];
    if (o.kind === 'CiliumNetworkPolicy') {
      const selector = o.spec?.endpointSelector ?? {};
      if (selector.matchExpressions !== undefined || !labelsMatch(selector.matchLabels, labels)) return [];
      const ingress = (o.spec.ingress ?? []).length > 0 || (o.spec.ingressDeny ?? []).length > 0;
      const egress = (o.spec.egress ?? []).length > 0 || (o.spec.egressDeny ?? []).length > 0;
      const defaultDeny = Object.keys(selector.matchLabels ?? {}).length === 0 && JSON.stringify(o.spec.ingress) === '[{}]' && JSON.stringify(o.spec.egress) === '[{}]';
      return [{ name: o.metadata.name, ingress, egress, defaultDeny }];
    }
    if (o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1') {
      const selector = o.spec?.podSelector ?? {};
      if (selector.matchExpressions !== undefined || !labelsMatch(selector.matchLabels, labels)) return [];
      const types: string[] = o.spec.policyTypes ?? ['Ingress'];
      const defaultDeny = Object.keys(selector.matchLabels ?? {}).length === 0 && o.spec.ingress === undefined && o.spec.egress === undefined;
      return [{ name: o.metadata.name, ingress: types.includes('Ingress'), egress: types.includes('Egress'), defaultDeny }];
    }
    return [];
  });
}

/** The Secrets a pod reads, by name. */
function secretsRead(spec: any): string[] {
  const names = new Set<string>();
  for (const c of allContainers(spec)) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) names.add(e.valueFrom.secretKeyRef.name);
    for (const e of c.envFrom ?? []) if (e.secretRef) names.add(e.secretRef.name);
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret) names.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) if (s.secret) names.add(s.secret.name);
  }
  return [...names];
}

function describeProbe(probe: any): string {
  if (probe.httpGet) return `GET ${probe.httpGet.path} :${probe.httpGet.port}`;
  if (probe.tcpSocket) return `TCP ${probe.tcpSocket.port}`;
  const command: string[] = probe.exec.command;
  const script = command[0] === 'bash' && command[1] === '-c' ? command[2] : undefined;
  if (script?.includes('SELECT 1')) return 'exec mysql SELECT 1';
  if (script?.includes('/proc/net/tcp')) return 'exec: the port listens (/proc/net/tcp)';
  return `exec ${command.join(' ').replace('/var/run/secrets/azure/tokens/azure-identity-token', '<workload identity token>')}`;
}

// ---------------------------------------------------------------------------------------------
// The rules

/** What a rule found for one workload: violations (by container), and what the table shows. */
interface Finding {
  /** `container <name>: <problem>` or `pod: <problem>`; none when met. */
  readonly violations: readonly string[];
  /** Details for the table when met (what it has), or why the rule does not apply. */
  readonly details?: readonly string[];
  /** The rule does not apply (nothing to check). */
  readonly notApplicable?: boolean;
}

interface Rule {
  readonly id: string;
  /**
   * What joins the details of a cell.
   * @default ', '
   */
  readonly separator?: string;
  /** The column of docs/hardened.md. */
  readonly column: string;
  readonly check: (w: Workload) => Finding;
}

const appContainers = (w: Workload): any[] => w.spec.containers ?? [];

const RULES: readonly Rule[] = [
  {
    id: 'pod-security',
    column: 'Pod Security level',
    check: (w) => ({ violations: podSecurityViolations(w.spec, w.metadata), details: ['restricted'] }),
  },
  {
    id: 'cpu-memory',
    column: 'requests and limits (CPU, memory)',
    check: (w) => ({
      violations: allContainers(w.spec).flatMap((c) => ['cpu', 'memory'].flatMap((r) => ['requests', 'limits']
        .filter((k) => c.resources?.[k]?.[r] === undefined).map((k) => `container ${c.name}: no ${r} in ${k}`))),
    }),
  },
  {
    id: 'ephemeral-storage',
    column: 'ephemeral-storage request and limit',
    check: (w) => {
      const violations: string[] = [];
      for (const c of allContainers(w.spec)) {
        for (const k of ['requests', 'limits']) if (c.resources?.[k]?.['ephemeral-storage'] === undefined) violations.push(`container ${c.name}: no ephemeral-storage in ${k}`);
      }
      const emptyDirs = (w.spec.volumes ?? []).filter((v: any) => v.emptyDir !== undefined);
      for (const v of emptyDirs) if (v.emptyDir.sizeLimit === undefined) violations.push(`volume ${v.name}: emptyDir without sizeLimit`);
      if (violations.length === 0) {
        // The pod's limit (its containers' summed) holds its emptyDirs and every container's logs.
        const limit = appContainers(w).reduce((sum, c) => sum + kibibytes(c.resources.limits['ephemeral-storage']), 0);
        const folders = emptyDirs.reduce((sum: number, v: any) => sum + kibibytes(v.emptyDir.sizeLimit), 0);
        const needed = folders + LOG_ALLOWANCE_KIB * appContainers(w).length;
        if (limit < needed) violations.push(`pod: its containers' limits (${limit / 1024}Mi) cannot hold its emptyDirs and logs (${needed / 1024}Mi)`);
      }
      const details = allContainers(w.spec).map((c) => `${c.name} ${c.resources?.requests?.['ephemeral-storage']}/${c.resources?.limits?.['ephemeral-storage']}`);
      return { violations, details };
    },
  },
  {
    id: 'read-only-root',
    column: '`readOnlyRootFilesystem` (writable paths as `emptyDir`)',
    check: (w) => {
      const violations = allContainers(w.spec).filter((c) => c.securityContext?.readOnlyRootFilesystem !== true)
        .map((c) => `container ${c.name}: readOnlyRootFilesystem not true`);
      const emptyDirs = new Map<string, any>((w.spec.volumes ?? []).filter((v: any) => v.emptyDir !== undefined).map((v: any) => [v.name, v]));
      const mounts = [...new Set(allContainers(w.spec).flatMap((c) => (c.volumeMounts ?? []).filter((m: any) => emptyDirs.has(m.name))
        .map((m: any) => `${m.mountPath} (${emptyDirs.get(m.name).emptyDir.sizeLimit ?? 'no limit'})`)))];
      return { violations, details: mounts.length === 0 ? ['writes nothing'] : mounts };
    },
  },
  {
    id: 'probes',
    column: 'liveness and readiness probes',
    separator: '; ',
    check: (w) => {
      const violations: string[] = [];
      const details: string[] = [];
      for (const c of appContainers(w)) {
        if (c.livenessProbe === undefined) violations.push(`container ${c.name}: no livenessProbe`);
        if (c.readinessProbe === undefined) violations.push(`container ${c.name}: no readinessProbe`);
        // kube-score: a liveness probe equal to the readiness probe restarts a pod that is only busy.
        if (c.livenessProbe !== undefined && JSON.stringify(c.livenessProbe) === JSON.stringify(c.readinessProbe)) violations.push(`container ${c.name}: liveness equals readiness`);
        if (c.livenessProbe !== undefined && c.readinessProbe !== undefined) {
          details.push(`${c.name}: readiness ${describeProbe(c.readinessProbe)}, liveness ${describeProbe(c.livenessProbe)}`);
        }
      }
      return { violations, details };
    },
  },
  {
    id: 'service-account',
    column: 'own ServiceAccount, token not mounted',
    check: (w) => {
      const violations: string[] = [];
      const account = w.spec.serviceAccountName;
      if (account === undefined || account === 'default') {violations.push('pod: runs as the namespace\'s default ServiceAccount');} else if (!w.file.objects.some((o: any) => o.kind === 'ServiceAccount' && o.metadata.name === account && (o.metadata.namespace ?? 'default') === w.namespace)) {
        violations.push(`pod: its ServiceAccount ${account} is not in the bundle`);
      }
      const caller = API_CALLERS[w.name];
      if (caller === undefined && w.spec.automountServiceAccountToken !== false) violations.push('pod: mounts the Kubernetes API token');
      return { violations, details: caller === undefined ? [`\`${account}\``] : [`\`${account}\``, caller] };
    },
  },
  {
    id: 'network-policy',
    column: 'selected by a network policy (default-deny namespace)',
    check: (w) => {
      const policies = selectingPolicies(w);
      const violations = [
        ...policies.some((p) => p.ingress) ? [] : ['pod: no network policy restricts its ingress'],
        ...policies.some((p) => p.egress) ? [] : ['pod: no network policy restricts its egress'],
      ];
      const own = [...new Set(policies.filter((p) => !p.defaultDeny).map((p) => `\`${p.name}\``))];
      const deny = policies.some((p) => p.defaultDeny) ? `default-deny in \`${w.namespace}\`` : `no default-deny in \`${w.namespace}\`, which the bundles do not own`;
      return { violations, details: [...own, deny] };
    },
  },
  {
    id: 'ids',
    column: 'user and group ≥ 10000',
    check: (w) => {
      const pod = w.spec.securityContext ?? {};
      const violations: string[] = [];
      const ids = new Set<string>();
      for (const c of allContainers(w.spec)) {
        const user = c.securityContext?.runAsUser ?? pod.runAsUser;
        const group = c.securityContext?.runAsGroup ?? pod.runAsGroup;
        if (!(user >= 10000)) violations.push(`container ${c.name}: user ${user ?? "(the image's)"}`);
        if (!(group >= 10000)) violations.push(`container ${c.name}: group ${group ?? "(the image's)"}`);
        ids.add(`${user}:${group}`);
      }
      if (pod.fsGroup !== undefined && pod.fsGroup < 10000) violations.push(`pod: fsGroup ${pod.fsGroup}`);
      for (const g of pod.supplementalGroups ?? []) if (g < 10000) violations.push(`pod: supplemental group ${g}`);
      return { violations, details: [...ids] };
    },
  },
  {
    id: 'key-vault',
    column: 'credentials from Key Vault (`SecretProviderClass`)',
    check: (w) => {
      const itself = READS_KEY_VAULT_ITSELF[w.name];
      if (itself !== undefined) return { violations: [], details: [itself] };
      const secrets = secretsRead(w.spec);
      const platform = secrets.map((s) => PLATFORM_SECRETS[`${w.namespace}/${s}`]).filter((s) => s !== undefined);
      const credentials = secrets.filter((s) => PLATFORM_SECRETS[`${w.namespace}/${s}`] === undefined);
      if (credentials.length === 0) return { violations: [], notApplicable: true, details: platform };
      const violations: string[] = [];
      const details: string[] = [];
      const mounted = new Set((w.spec.volumes ?? []).filter((v: any) => v.csi?.driver === 'secrets-store.csi.k8s.io').map((v: any) => v.csi.volumeAttributes?.secretProviderClass));
      for (const secret of credentials) {
        // The driver syncs the Secret while a pod mounts a SecretProviderClass that names it: the pod's own.
        const syncing = w.file.objects.filter((o: any) => o.kind === 'SecretProviderClass' && (o.metadata.namespace ?? 'default') === w.namespace
          && (o.spec.secretObjects ?? []).some((s: any) => s.secretName === secret));
        const spc = syncing.find((o: any) => mounted.has(o.metadata.name));
        if (spc === undefined) {
          violations.push(syncing.length === 0 ? `pod: Secret ${secret} is synced by no SecretProviderClass of the bundle`
            : `pod: mounts no SecretProviderClass that syncs ${secret} (${syncing.map((o: any) => o.metadata.name).join(', ')} do)`);
          continue;
        }
        const p = spc.spec.parameters ?? {};
        if (spc.spec.provider !== 'azure' || p.usePodIdentity !== 'false' || !/^[0-9a-f-]{36}$/.test(p.clientID ?? '') || !p.keyvaultName || !p.tenantID) {
          violations.push(`SecretProviderClass ${spc.metadata.name}: not Azure Key Vault with a workload identity (clientID, keyvaultName, tenantID)`);
        }
        details.push(`\`${spc.metadata.name}\` syncs \`${secret}\``);
      }
      if (w.file.objects.some((o: any) => o.apiVersion === 'v1' && o.kind === 'Secret')) violations.push('bundle: holds a plain Secret');
      return { violations, details };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The exceptions: each rule a workload does not meet, with its reason (docs/hardened.md lists them).

interface Exception {
  readonly workload: string;
  readonly rule: string;
  /** The violations it excuses, exactly. */
  readonly violations: readonly string[];
  /** The reason in a few words, for the table's cell. */
  readonly short: string;
  /** The whole reason, for the list of exceptions. */
  readonly reason: string;
}

const EXCEPTIONS: readonly Exception[] = [
  {
    workload: 'sample-workload-identity-key-vault',
    rule: 'probes',
    violations: ['container oidc: no livenessProbe', 'container oidc: no readinessProbe'],
    short: 'msal-go serves nothing, and its distroless image has nothing an exec probe could run',
    reason: 'The `oidc` container (msal-go) gets neither probe. It opens no port and has no health endpoint, and its image '
      + '(CBL-Mariner distroless minimal) has no shell or tool an exec probe could run: the only executable is the sample itself, '
      + 'which would start a second client. It exits when it cannot read the secret, and the kubelet restarts it; it serves '
      + 'nothing, so no Service waits on its readiness',
  },
];

// ---------------------------------------------------------------------------------------------
// The scan

interface Result {
  readonly edition: WorkshopEdition;
  readonly workload: Workload;
  readonly rule: Rule;
  readonly finding: Finding;
}

const FILES = Object.fromEntries(WORKSHOP_EDITIONS.map((edition) => [edition, hardenedFiles(edition)])) as Record<WorkshopEdition, ManifestFile[]>;
const RESULTS: Result[] = WORKSHOP_EDITIONS.flatMap((edition) => FILES[edition].flatMap((file) => workloadsOf(file)
  .flatMap((workload) => RULES.map((rule) => ({ edition, workload, rule, finding: rule.check(workload) })))));

const excused = (r: Result, violation: string) => EXCEPTIONS
  .find((e) => e.workload === r.workload.name && e.rule === r.rule.id && e.violations.includes(violation));

/** The section bundle a file belongs to, for the row label: `01-store`, or undefined for a step file. */
function bundleOf(file: string, edition: WorkshopEdition): string | undefined {
  const inEdition = file.slice(EDITIONS[edition].folder.length).replace(/^fleet-hub\//, '');
  return inEdition.startsWith('steps/') ? undefined : inEdition.replace(/\.k8s\.yaml$/, '');
}

function rowLabel(row: string): string {
  const of = (edition: WorkshopEdition) => [...new Set(RESULTS.filter((r) => r.edition === edition && rowOf(r.workload) === row)
    .map((r) => bundleOf(r.workload.file.fileName, edition)).filter((b) => b !== undefined))].map((b) => `\`${b}\``);
  const deepDives = of('deep-dives');
  const advanced = of('advanced-aks');
  return `${row} (${[...deepDives.length > 0 ? [deepDives.join(', ')] : [], ...advanced.length > 0 ? [`Advanced AKS ${advanced.join(', ')}`] : []].join('; ')})`;
}

/** The table cell of `row` and `rule`: `yes` and what it has, `no` and the reasons, or `—` where nothing applies. */
function cell(row: string, rule: Rule): string {
  const results = RESULTS.filter((r) => rowOf(r.workload) === row && r.rule === rule);
  const reasons = [...new Set(results.flatMap((r) => r.finding.violations.map((v) => excused(r, v)?.short ?? `NOT EXCUSED: ${v}`)))];
  // Each detail once, what a workload has before what its namespace has.
  const details = [...new Set(results.flatMap((r) => r.finding.details ?? []))].sort((a, b) => Number(!a.startsWith('`')) - Number(!b.startsWith('`')));
  if (reasons.length > 0) return `no: ${reasons.join('; ')} (see the exceptions)`;
  if (results.every((r) => r.finding.notApplicable)) return details.length === 0 ? '—' : `— (${details.join('; ')})`;
  if (rule.id === 'pod-security') return 'restricted';
  return details.length === 0 ? 'yes' : `yes: ${details.join(rule.separator ?? ', ')}`;
}

/** The table docs/hardened.md holds between its markers. */
function renderTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const header = ['workload (bundle)', ...RULES.map((r) => r.column)];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...ROWS.map((row) => `| ${[rowLabel(row), ...RULES.map((rule) => cell(row, rule))].map(escape).join(' | ')} |`),
  ].join('\n');
}

/** The exceptions as docs/hardened.md lists them. */
function renderExceptions(): string {
  return EXCEPTIONS.map((e) => `- **${e.workload}**, ${RULES.find((r) => r.id === e.rule)!.column} (${e.violations.map((v) => `\`${v}\``).join(', ')}): ${e.reason}.`).join('\n');
}

const TABLE = renderTable();
if (process.env.HARDENED_TABLE_OUT !== undefined) {
  fs.writeFileSync(process.env.HARDENED_TABLE_OUT, `<!-- hardened-table:start -->\n${TABLE}\n<!-- hardened-table:end -->\n\nExceptions:\n\n${renderExceptions()}\n`);
}

describe('the hardened scanner: every workload of every hardened bundle meets every rule, or a documented exception excuses it', () => {
  test('there are workloads to scan in both workshops, in every row of the table', () => {
    for (const edition of WORKSHOP_EDITIONS) expect(RESULTS.some((r) => r.edition === edition)).toBe(true);
    expect([...new Set(RESULTS.map((r) => rowOf(r.workload)))].sort()).toEqual([...ROWS].sort());
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    const unexcused = RESULTS.filter((r) => r.rule === rule).flatMap((r) => r.finding.violations.filter((v) => excused(r, v) === undefined)
      .map((v) => `${r.workload.file.fileName}: ${r.workload.kind} ${r.workload.namespace}/${r.workload.name}: ${v}`));
    expect(unexcused).toEqual([]);
  });

  test('every exception is still needed: it excuses a violation the scan finds', () => {
    const found = (e: Exception, v: string) => RESULTS
      .some((r) => r.workload.name === e.workload && r.rule.id === e.rule && r.finding.violations.includes(v));
    const unused = EXCEPTIONS.flatMap((e) => e.violations.filter((v) => !found(e, v))
      .map((v) => `${e.workload} ${e.rule}: ${v}`));
    expect(unused).toEqual([]);
  });

  test('every namespace a bundle creates denies by default: a policy of the bundle selects all its pods and allows nothing', () => {
    const missing = WORKSHOP_EDITIONS.flatMap((edition) => FILES[edition].flatMap((file) => file.objects.filter((o: any) => o.kind === 'Namespace')
      .filter((ns: any) => !file.objects.some((o: any) => (o.metadata?.namespace) === ns.metadata.name && (
        (o.kind === 'CiliumNetworkPolicy' && Object.keys(o.spec?.endpointSelector?.matchLabels ?? {}).length === 0
          && JSON.stringify(o.spec.ingress) === '[{}]' && JSON.stringify(o.spec.egress) === '[{}]')
        || (o.kind === 'NetworkPolicy' && Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length === 0
          && JSON.stringify(o.spec.policyTypes) === '["Ingress","Egress"]' && o.spec.ingress === undefined && o.spec.egress === undefined))))
      .map((ns: any) => `${file.fileName}: ${ns.metadata.name}`)));
    expect(missing).toEqual([]);
  });

  test('with Key Vault settings no hardened bundle holds a plain Secret', () => {
    const secrets = WORKSHOP_EDITIONS.flatMap((edition) => FILES[edition].flatMap((f) => f.objects.filter((o: any) => o.apiVersion === 'v1' && o.kind === 'Secret')
      .map((o: any) => `${f.fileName}: ${o.metadata.namespace}/${o.metadata.name}`)));
    expect(secrets).toEqual([]);
  });

  test('the checks catch what they check: a workshop-profile pod breaks each rule', () => {
    const app = new App({ outdir: 'unused' });
    for (const section of EDITIONS['deep-dives'].sections) addSection(app, section, { settings: KEY_VAULT_SETTINGS, profile: 'workshop' });
    const rabbitmq = synthesizeManifests(app).flatMap(workloadsOf).find((w) => w.name === 'rabbitmq')!;
    const broken = RULES.filter((rule) => rule.check(rabbitmq).violations.length > 0).map((rule) => rule.id);
    expect(broken).toEqual(['pod-security', 'ephemeral-storage', 'read-only-root', 'probes', 'service-account', 'network-policy', 'ids']);
  });
});

describeWithGoYaml('kubectl reads the hardened bundles as synthesized (go-yaml)', () => {
  test('every object, the SecretProviderClasses\' objects parameter (YAML inside YAML) included', () => {
    const files = WORKSHOP_EDITIONS.flatMap((edition) => FILES[edition]);
    const read = readManyWithGoYaml(files.map((f) => f.yaml));
    files.forEach((file, i) => {
      const documents = read[i].filter((d) => !('empty' in d));
      const expected = file.objects.map((o) => ({ json: JSON.parse(JSON.stringify(o)) }));
      expect({ file: file.fileName, documents }).toEqual({ file: file.fileName, documents: expected });
    });
    expect(files.some((f) => f.objects.some((o: any) => o.kind === 'SecretProviderClass'))).toBe(true);
  });
});

describe('the table of docs/hardened.md', () => {
  test('has a cell for every workload and rule, and no violation without its exception', () => {
    expect(TABLE).not.toContain('NOT EXCUSED');
    expect(TABLE.split('\n')).toHaveLength(ROWS.length + 2);
  });

  test('docs/hardened.md holds the table between its markers', () => {
    const docs = fs.readFileSync(path.join(__dirname, '..', 'docs', 'hardened.md'), 'utf8');
    const match = /<!-- hardened-table:start -->\n([\s\S]*?)\n<!-- hardened-table:end -->/.exec(docs);
    expect(match?.[1]).toBe(TABLE);
  });
});
