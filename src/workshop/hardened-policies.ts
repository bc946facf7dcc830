import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { StoreFrontIngress, StoreNetworkPolicies } from './store-policies';
import { IWorkloadRef, serviceFqdn, WorkloadRef } from '../core/workload-ref';
import { WORKLOAD_IDENTITY_SAMPLE_PODS } from '../identity/key-vault-sample';
import { ISTIOD_NAMESPACE, ISTIOD_POD_LABELS, ISTIOD_XDS_PORT, istiodHost } from '../mesh/istio-revision';
import { CiliumPolicy, EgressRule, PolicyDirection, PodSelector } from '../networking/cilium-policy';
import { DefaultDenyPolicy } from '../networking/default-deny-policy';
import { dnsLookupRule, dnsSearchVariants } from '../networking/dns-lookup-rule';
import { FqdnMatch } from '../networking/fqdn-match';
import { HubbleUi } from '../networking/hubble-ui';
import { PolicyPeer } from '../networking/policy-peer';
import { AksStore } from '../store/aks-store';

/**
 * The network policies the hardened profile adds to the workshop's charts: every workload they
 * run is selected by a policy that allows only what it needs, in both directions, and each
 * namespace a chart creates gets a default-deny policy. Policies are Cilium's (the workshop's
 * clusters run Azure CNI Powered by Cilium); the placed Fleet namespace gets a Kubernetes
 * NetworkPolicy, which the hub cluster accepts without Cilium's CRDs.
 */

/** The pods of Azure Monitor's managed Prometheus that scrape PodMonitor targets (the `ama-metrics` Deployment). */
const AMA_METRICS_POD_LABELS: Readonly<Record<string, string>> = { rsName: 'ama-metrics' };
/** The namespace Azure Monitor's managed Prometheus runs in. */
const AMA_METRICS_NAMESPACE = 'kube-system';
/** Hubble Relay's pods (Cilium's and ACNS's charts) and the port it serves the flows API on (behind its Service's 443). */
const HUBBLE_RELAY_POD_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'hubble-relay' };
/** The port of Hubble Relay's pods. */
const HUBBLE_RELAY_PORT = 4245;
/** Microsoft Entra ID's sign-in host: where a workload identity exchanges its token. */
const ENTRA_ID_HOST = 'login.microsoftonline.com';

const HTTPS = [{ port: 443, protocol: 'TCP' as const }];

/** The egress rule to istiod of `revision`, and the lookups of its name, for pods that run its sidecars. */
function istiodAccess(revision: string | undefined, namespace: string): { rules: EgressRule[]; lookups: FqdnMatch[] } {
  if (revision === undefined) return { rules: [], lookups: [] };
  return {
    rules: [{ to: [PolicyPeer.pods(ISTIOD_POD_LABELS, ISTIOD_NAMESPACE)], ports: [{ port: ISTIOD_XDS_PORT, protocol: 'TCP' }] }],
    lookups: dnsSearchVariants(FqdnMatch.exactName(istiodHost(revision)), namespace),
  };
}

/** Egress that allows `rules` and looking up `lookups` (none: egress denied). */
function egress(rules: readonly EgressRule[], lookups: readonly FqdnMatch[]): PolicyDirection<EgressRule> {
  const all = [...rules, ...lookups.length > 0 ? [dnsLookupRule(lookups)] : []];
  return all.length === 0 ? PolicyDirection.denyAll() : PolicyDirection.allow(...all);
}

/** Options of {@link addHardenedStorePolicies}. */
export interface HardenedStorePolicyOptions {
  /**
   * The Istio revision whose sidecars the store's pods run.
   * @default - the revision the store's namespace is labelled with, if any
   */
  readonly istioRevision?: string;
  /**
   * How the store front admits outside traffic.
   * @default 'world'
   */
  readonly storeFrontIngress?: StoreFrontIngress;
  /**
   * Client workloads (the workshop's curl pods) that may reach the store front's port.
   * @default - none
   */
  readonly storeFrontClients?: readonly IWorkloadRef[];
}

/**
 * @internal The store's policies (`StoreNetworkPolicies`), a default-deny policy in its namespace
 * and, for the workshop's test clients, an ingress rule of their own to the store front.
 */
export function addHardenedStorePolicies(scope: Construct, store: AksStore, options: HardenedStorePolicyOptions = {}): StoreNetworkPolicies {
  new DefaultDenyPolicy(scope, 'default-deny', { namespace: store.namespace.namespaceName });
  const policies = new StoreNetworkPolicies(scope, 'store-policies', {
    store, istioRevision: options.istioRevision, storeFrontIngress: options.storeFrontIngress ?? 'world',
  });
  const clients = options.storeFrontClients ?? [];
  if (clients.length > 0) {
    new CiliumPolicy(scope, 'allow-store-front-test-clients', {
      name: 'allow-store-front-test-clients',
      selector: PodSelector.workload(store.storeFront),
      description: "The workshop's curl clients may reach the store front (under STRICT mTLS only the one in the mesh is served)",
      ingress: PolicyDirection.allow({
        from: clients.map((c) => PolicyPeer.workload(c)),
        ports: store.storeFront.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
      }),
    });
  }
  return policies;
}

/**
 * @internal A curl test client's policy: nothing in; out only to `target`'s container port (after
 * looking up its Service's name) and, with sidecars of `istioRevision`, to istiod.
 */
export function addCurlClientPolicy(scope: Construct, id: string, client: IWorkloadRef, target: IWorkloadRef, istioRevision?: string): CiliumPolicy {
  const sidecar = istiodAccess(istioRevision, client.namespace);
  return new CiliumPolicy(scope, id, {
    name: `allow-${client.name}-traffic`,
    selector: PodSelector.workload(client),
    ingress: PolicyDirection.denyAll(),
    egress: egress(
      [{ to: [PolicyPeer.workload(target)], ports: target.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })) }, ...sidecar.rules],
      [...dnsSearchVariants(FqdnMatch.exactName(serviceFqdn(target)), client.namespace), ...sidecar.lookups],
    ),
  });
}

/**
 * @internal Hubble UI's policy: nothing in (`kubectl port-forward` reaches the pod inside its own
 * network namespace, which no policy sees); out to Hubble Relay and the Kubernetes API server.
 */
export function addHubbleUiPolicy(scope: Construct, hubbleUi: HubbleUi): CiliumPolicy {
  const relayHost = hubbleUi.relayAddress.replace(/:\d+$/, '');
  return new CiliumPolicy(scope, 'hubble-ui-policy', {
    name: 'allow-hubble-ui-traffic',
    selector: PodSelector.workload(hubbleUi),
    description: 'Hubble UI reads flows from Hubble Relay and objects from the API server; reach it with kubectl port-forward',
    ingress: PolicyDirection.denyAll(),
    egress: egress([
      { to: [PolicyPeer.pods(HUBBLE_RELAY_POD_LABELS, hubbleUi.namespace)], ports: [{ port: HUBBLE_RELAY_PORT, protocol: 'TCP' }] },
      { to: [PolicyPeer.entity('kube-apiserver')], ports: HTTPS },
    ], /^[0-9.]+$/.test(relayHost) ? [] : dnsSearchVariants(FqdnMatch.exactName(relayHost), hubbleUi.namespace)),
  });
}

/**
 * @internal MySQL's policy: in on 3306 from its peers (replication) and its clients, on 3307 from
 * its peers (cloning); out to its peers on both, after looking up `<name>-<n>.<name>`.
 */
export function addMysqlPolicy(
  scope: Construct, id: string, mysql: IWorkloadRef, clients: readonly Readonly<Record<string, string>>[],
): CiliumPolicy {
  const ports = [{ port: 3306, protocol: 'TCP' as const }, { port: 3307, protocol: 'TCP' as const }];
  const peers = PolicyPeer.workload(mysql);
  return new CiliumPolicy(scope, id, {
    name: `allow-${mysql.name}-traffic`,
    selector: PodSelector.workload(mysql),
    description: 'MySQL serves its clients on 3306 and its peers on 3306 (replication) and 3307 (cloning)',
    ingress: PolicyDirection.allow(
      { from: [peers], ports },
      ...clients.length === 0 ? [] : [{ from: clients.map((labels) => PolicyPeer.pods(labels)), ports: [ports[0]] }],
    ),
    egress: egress([{ to: [peers], ports }], dnsSearchVariants(FqdnMatch.pattern(`*.${mysql.serviceName ?? mysql.name}`), mysql.namespace)),
  });
}

/** @internal A metrics app's policy: in only from Azure Monitor's scrapers, on its ports; nothing out. */
export function addScrapedAppPolicy(scope: Construct, id: string, app: IWorkloadRef): CiliumPolicy {
  return new CiliumPolicy(scope, id, {
    name: `allow-${app.name}-traffic`,
    selector: PodSelector.workload(app),
    description: 'Only Azure Monitor managed Prometheus scrapes it; it calls nothing',
    ingress: PolicyDirection.allow({
      from: [PolicyPeer.pods(AMA_METRICS_POD_LABELS, AMA_METRICS_NAMESPACE)],
      ports: app.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    }),
    egress: PolicyDirection.denyAll(),
  });
}

/**
 * @internal The workload identity samples' policies: the busybox pod only sleeps (nothing in or
 * out); the Key Vault reader gets nothing in and reaches only Microsoft Entra ID (to exchange its
 * token) and the vault, on 443, after looking them up.
 */
export function addWorkloadIdentityPolicies(scope: Construct, namespace: string, keyVaultUrl: string): CiliumPolicy[] {
  const pod = (name: string) => WorkloadRef.fromAttributes({ name, namespace, podLabels: { app: name } });
  const busybox = pod(WORKLOAD_IDENTITY_SAMPLE_PODS.busybox);
  const reader = pod(WORKLOAD_IDENTITY_SAMPLE_PODS.keyVault);
  const hosts = [ENTRA_ID_HOST, new URL(keyVaultUrl).hostname].map((host) => FqdnMatch.exactName(host));
  return [
    new CiliumPolicy(scope, 'busybox-policy', {
      name: `allow-${busybox.name}-traffic`, selector: PodSelector.workload(busybox), ingress: PolicyDirection.denyAll(), egress: PolicyDirection.denyAll(),
    }),
    new CiliumPolicy(scope, 'key-vault-reader-policy', {
      name: `allow-${reader.name}-traffic`,
      selector: PodSelector.workload(reader),
      description: 'It signs in to Microsoft Entra ID with its workload identity and reads a secret from Key Vault',
      ingress: PolicyDirection.denyAll(),
      egress: egress([{ to: hosts.map((h) => PolicyPeer.fqdn(h)), ports: HTTPS }], hosts.flatMap((h) => dnsSearchVariants(h, namespace))),
    }),
  ];
}

/**
 * @internal A default-deny Kubernetes NetworkPolicy for `namespace`: a namespace placed by Fleet from
 * the hub cluster, which has no Cilium CRDs (the members' Cilium enforces it).
 */
export function addKubernetesDefaultDeny(scope: Construct, id: string, namespace: string): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, id, {
    metadata: { name: 'default-deny', namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}
