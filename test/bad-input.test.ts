import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, Deployment, Service, StatefulSet } from 'cdk8s-plus-30';
import {
  AcstorStoragePool,
  AksStore,
  AmaMetricsSettings,
  AzurePodMonitor,
  AzureServiceMonitor,
  CiliumPolicy,
  CurlClient,
  FqdnEgressPolicy,
  FqdnMatch,
  HubbleUi,
  InputError,
  InvalidPropError,
  MeshIngress,
  MeshMtls,
  NamespacePlacement,
  NamespaceRef,
  PlacementPolicy,
  PodSelector,
  PolicyDirection,
  PolicyPeer,
  PoolType,
  PrometheusReferenceApp,
  ReplicatedMysql,
  ResourcePlacement,
  synthesizeCharts,
  synthesizeManifests,
  constructMetadata,
  RolloutStrategy,
  WorkloadIdentityPod,
  WorkloadIdentitySamples,
  WorkloadIdentityServiceAccount,
  WorkloadRef,
} from '../src';

/**
 * Bad input, construct by construct: each case must throw an InvalidPropError whose message
 * names the construct path, the prop, the value as given, and what is allowed.
 */
type Case = readonly [what: string, build: (chart: Chart) => unknown, path: string, prop: string, value: string, allowed: string];

const store = AksStore.fromNamespace('pets');
const web = WorkloadRef.fromAttributes({ name: 'web', namespace: 'default', podLabels: { app: 'web' }, ports: [{ name: 'metrics', containerPort: 9090 }], serviceName: 'web' });
const noService = WorkloadRef.fromAttributes({ name: 'job', namespace: 'default', podLabels: { app: 'job' }, ports: [{ name: 'metrics', containerPort: 9090 }] });
const policy = (props: object) => (chart: Chart) => new CiliumPolicy(chart, 'p', { name: 'p', selector: PodSelector.workload(store.orderService), ...props } as any);
const egress = (rule: object) => policy({ egress: PolicyDirection.allow(rule as any) });
const ingressTo = (props: object) => (chart: Chart) => new MeshIngress(chart, 'in', { destination: store.storeFront, ...props } as any);
const pool = (props: object) => (chart: Chart) => new AcstorStoragePool(chart, 'pool', { name: 'p', poolType: PoolType.ephemeralDisk(), ...props } as any);
const mysql = (props: object) => (chart: Chart) => new ReplicatedMysql(chart, 'm', props as any);
const sa = (chart: Chart) => new WorkloadIdentityServiceAccount(chart, 'sa', { clientId: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b' });
const placement = (props: object) => (chart: Chart) => new ResourcePlacement(chart, 'crp', {
  name: 'crp', resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'pets' }], ...props,
} as any);
const podMonitor = (props: object) => (chart: Chart) => new AzurePodMonitor(chart, 'mon', { name: 'mon', workload: web, ...props } as any);
const LONG = 'a'.repeat(64);

const K8S_RESOURCES = { requests: { cpu: '2' }, limits: { memory: '1Gi' } };
const hardenedStore = (props: object) => (chart: Chart) => new AksStore(chart, 's', { profile: 'hardened', ...props } as any);
const pod = (container: object, props: object = {}) => (chart: Chart) =>
  new WorkloadIdentityPod(chart, 'pod', { name: 'p', serviceAccount: sa(chart), containers: [{ name: 'a', image: 'busybox:1.37.0', ...container }], ...props } as any);
const metrics = (props: object) => (chart: Chart) => new AmaMetricsSettings(chart, 's', props as any);
const PSA = 'pod-security.kubernetes.io';

/**
 * Props the constructs do not take: unknown keys (a misspelt prop, Kubernetes' shape where
 * cdk8s-plus's is taken), Pod Security levels weakened without asking, regexes Go refuses, and
 * values that would be written wrongly. Each was once accepted without a word.
 */
const PROPS_NOT_TAKEN: readonly Case[] = [
  // Unknown keys: the key, the keys allowed and the one probably meant
  ['unknown: a misspelt store prop', (c) => new AksStore(c, 's', { replica: { storeFront: 2 } } as any), 'c/s', 'props', '"replica"', "(did you mean 'replicas'?)"],
  ['unknown: a store prop in the wrong case', (c) => new AksStore(c, 's', { storeFrontServicetype: 'ClusterIP' } as any), 'c/s', 'props', '"storeFrontServicetype"', "did you mean 'storeFrontServiceType'"],
  ['unknown: store props list what is taken', (c) => new AksStore(c, 's', { chart: 'x' } as any), 'c/s', 'props', '"chart"', 'must name a prop it takes: namespace, createNamespace, release, imageRegistry'],
  ['unknown: store resources in Kubernetes\' shape', (c) => new AksStore(c, 's', { resources: { storeFront: K8S_RESOURCES } } as any), 'c/s', 'resources.storeFront', '"requests"', "not Kubernetes' requests and limits"],
  ['unknown: store CPU with "requests"', (c) => new AksStore(c, 's', { resources: { storeFront: { cpu: { requests: Cpu.millis(1) } } } } as any), 'c/s', 'resources.storeFront.cpu', '"requests"', "did you mean 'request'"],
  ['unknown: store replicas of a misspelt component', (c) => new AksStore(c, 's', { replicas: { storefront: 2 } } as any), 'c/s', 'replicas', '"storefront"', "did you mean 'storeFront'"],
  ['unknown: store images of a misspelt container', (c) => new AksStore(c, 's', { images: { rabbitMQ: 'rabbitmq:4' } } as any), 'c/s', 'images', '"rabbitMQ"', "did you mean 'rabbitmq'"],
  ['unknown: a password beside the credentials (its value not shown)', hardenedStore({ rabbitmqCredentials: { password: 's3cret!' } }), 'c/s', 'rabbitmqCredentials', '"password"', 'the values go under values: { username: ..., password: ... }'],
  ['unknown: a namespace label option', (c) => new AksStore(c, 's').addNamespaceLabel('a', 'b', { weaker: 'privileged' } as any), 'c/s', 'namespace label options', '"weaker"', 'allowWeakerPodSecurity'],
  ['unknown: a policy prop', policy({ descripton: 'x' }), 'c/p', 'props', '"descripton"', "did you mean 'description'"],
  ['unknown: an ingress rule with "to"', policy({ ingress: PolicyDirection.allow({ to: [PolicyPeer.entity('world')] } as any) }), 'c/p', 'ingress[0]', '"to"', 'a field of an ingress rule: from, ports'],
  ['unknown: an egress rule with Cilium\'s toPorts', egress({ to: [PolicyPeer.entity('world')], toPorts: [{ port: 443 }] }), 'c/p', 'egress[0]', '"toPorts"', "did you mean 'ports'"],
  ['unknown: a port field', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: 443, proto: 'TCP' }] }), 'c/p', 'egress[0].ports[0]', '"proto"', 'port, protocol, endPort'],
  ['unknown: an FQDN policy prop', (c) => new FqdnEgressPolicy(c, 'f', { workload: store.orderService, fqdn: [FqdnMatch.pattern('*.x.io')] } as any), 'c/f', 'props', '"fqdn"', "did you mean 'fqdns'"],
  ['unknown: Hubble UI resources in Kubernetes\' shape', (c) => new HubbleUi(c, 'h', { resources: K8S_RESOURCES } as any), 'c/h', 'resources', '"requests"', 'cpu, memory, ephemeralStorage'],
  ['unknown: a Hubble UI image', (c) => new HubbleUi(c, 'h', { images: { ui: 'x:1' } } as any), 'c/h', 'images', '"ui"', 'containers of Hubble UI: frontend, backend'],
  ['unknown: a Hubble UI prop in the wrong case', (c) => new HubbleUi(c, 'h', { relayTLS: false } as any), 'c/h', 'props', '"relayTLS"', "did you mean 'relayTls'"],
  ['unknown: curl resources in Kubernetes\' shape (the defaults would apply)', (c) => new CurlClient(c, 'curl', { resources: { requests: { cpu: '2' } } } as any), 'c/curl', 'resources', '"requests"', "cdk8s-plus's shape"],
  ['unknown: curl memory with "max"', (c) => new CurlClient(c, 'curl', { resources: { memory: { max: Size.mebibytes(64) } } } as any), 'c/curl', 'resources.memory', '"max"', 'a request or a limit: request, limit'],
  ['unknown: curl CPU as text', (c) => new CurlClient(c, 'curl', { resources: { cpu: { request: '250m' } } } as any), 'c/curl', 'resources.cpu.request', '"250m"', 'must be a Cpu'],
  ['unknown: a curl prop', (c) => new CurlClient(c, 'curl', { labels: { app: 'x' } } as any), 'c/curl', 'props', '"labels"', 'podLabels'],
  ['unknown: an mTLS prop', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('pets'), mtlsMode: 'STRICT' } as any), 'c/m', 'props', '"mtlsMode"', 'namespace, workload, mode, portModes, name'],
  ['unknown: a gateway port field', ingressTo({ port: { number: 80, targetPort: 8080 } }), 'c/in', 'port', '"targetPort"', 'number, name, protocol'],
  ['unknown: an ingress prop', ingressTo({ host: ['x.example.com'] }), 'c/in', 'props', '"host"', "did you mean 'hosts'"],
  ['unknown: a pool prop', pool({ zone: ['1'] }), 'c/pool', 'props', '"zone"', "did you mean 'zones'"],
  ['unknown: an ephemeral disk option', pool({ poolType: PoolType.ephemeralDisk({ replica: 3 } as any) }), 'c/pool', 'poolType', '"replica"', "did you mean 'replicas'"],
  ['unknown: an Azure disk option', pool({ poolType: PoolType.azureDisk({ sku: 'Premium_LRS' } as any), storage: Size.tebibytes(1) }), 'c/pool', 'poolType', '"sku"', 'skuName, iopsReadWrite'],
  ['unknown: a disk field', pool({ poolType: PoolType.azureDisk({ disks: [{ id: 'x' } as any] }) }), 'c/pool', 'poolType.disks[0]', '"id"', 'a field of a disk: reference'],
  ['unknown: an encryption field', pool({
    poolType: PoolType.azureDisk({ encryption: { keyName: 'k', keyVersion: 'v1', keyVaultUrl: 'https://kv.vault.azure.net', identity: 'x' } as any }), storage: Size.tebibytes(1),
  }), 'c/pool', 'poolType.encryption', '"keyVaultUrl"', "did you mean 'keyVaultUri'"],
  ['unknown: a MySQL prop', mysql({ storageClassName: 'acstor-x' }), 'c/m', 'props', '"storageClassName"', 'storageClass'],
  ['unknown: a MySQL image', mysql({ images: { mariadb: 'mariadb:11' } }), 'c/m', 'images', '"mariadb"', 'containers of MySQL: mysql, xtrabackup'],
  ['unknown: the root password beside its credentials (its value not shown)', mysql({ profile: 'hardened', rootPassword: { password: 'x' } }), 'c/m/statefulset', 'rootPassword', '"password"', 'values: { password: ... }'],
  ['unknown: a ServiceAccount prop in the wrong case', (c) => new WorkloadIdentityServiceAccount(c, 'sa', { clientID: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b' } as any), 'c/sa', 'props', '"clientID"', "did you mean 'clientId'"],
  ['unknown: a samples prop in the wrong case', (c) => new WorkloadIdentitySamples(c, 'samples', { serviceAccount: sa(c), keyVaultURL: 'https://kv-x.vault.azure.net/' } as any), 'c/samples', 'props', '"keyVaultURL"', "did you mean 'keyVaultUrl'"],
  ['unknown: a pod prop', pod({}, { serviceAccountName: 'x' }), 'c/pod', 'props', '"serviceAccountName"', 'serviceAccount, containers'],
  ['unknown: pod container resources in Kubernetes\' shape', pod({ resources: K8S_RESOURCES }), 'c/pod', 'containers[0].resources', '"requests"', "not Kubernetes' requests and limits"],
  ['unknown: a pod container field it does not write', pod({ volumeMounts: [] }), 'c/pod', 'containers[0]', '"volumeMounts"', 'a field of a container: name, image'],
  ['unknown: a misspelt environment variable field', pod({ env: [{ name: 'A', valu: '1' }] }), 'c/pod', 'containers[0].env[0]', '"valu"', "did you mean 'value'"],
  ['unknown: a pod security context field', pod({}, { securityContext: { runAsUserId: 1000 } }), 'c/pod', 'securityContext', '"runAsUserId"', "did you mean 'runAsUser'"],
  ['unknown: a metrics settings prop', metrics({ scrapeInterval: { kubelet: Duration.seconds(30) } }), 'c/s', 'props', '"scrapeInterval"', "did you mean 'scrapeIntervals'"],
  ['unknown: a monitor prop', podMonitor({ selector: { app: 'web' } }), 'c/mon', 'props', '"selector"', 'selectLabels'],
  ['unknown: a monitor endpoint field', podMonitor({ endpoints: [{ targetPort: 'metrics' }] }), 'c/mon', 'endpoints[0]', '"targetPort"', 'port, interval, path, scheme, relabelings'],
  ['unknown: a relabeling field in Prometheus\' YAML spelling', podMonitor({ endpoints: [{ relabelings: [{ source_labels: ['a'] }] }] }), 'c/mon', 'endpoints[0].relabelings[0]', '"source_labels"', "did you mean 'sourceLabels'"],
  ['unknown: a label limit', podMonitor({ labelLimits: { labels: 5 } }), 'c/mon', 'labelLimits', '"labels"', 'count, nameLength, valueLength'],
  ['unknown: a reference app image', (c) => new PrometheusReferenceApp(c, 'r', { images: { go: 'x:1' } } as any), 'c/r', 'images', '"go"', 'golang, python'],
  ['unknown: a placement prop in the wrong case', placement({ apiversion: 'v1' }), 'c/crp', 'props', '"apiversion"', "did you mean 'apiVersion'"],
  ['unknown: a placed resource field', placement({ resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'x', namespace: 'y' }] }), 'c/crp', 'resources[0]', '"namespace"', 'group, version, kind, name, labels'],
  ['unknown: a cluster affinity option', placement({ policy: PlacementPolicy.pickAll({ requiredLabels: { env: 'prod' } } as any) }), 'c/crp', 'policy.affinity', '"requiredLabels"', 'requiredClusterLabels'],
  ['unknown: a misspelt rolling update option', placement({ strategy: RolloutStrategy.rollingUpdate({ maxUnavailble: 1 } as any) }), 'c/crp', 'strategy.rollingUpdate', '"maxUnavailble"', "did you mean 'maxUnavailable'"],
  ['unknown: a namespace placement prop', (c) => new NamespacePlacement(c, 'np', { namespace: 'x', labels: { a: 'b' } } as any), 'c/np', 'props', '"labels"', 'namespaceLabels'],

  // Pod Security labels: levels admission knows, and no weaker level unless asked for by name
  ['pod security: hardened store enforcing privileged', hardenedStore({ namespaceLabels: { [`${PSA}/enforce`]: 'privileged' } }), 'c/s', `namespaceLabels.${PSA}/enforce`, '"privileged"', "must not be below 'restricted', the level the hardened profile enforces; to weaken it, ask for the level by name: allowWeakerPodSecurity: 'privileged'"],
  ['pod security: hardened store enforcing baseline', hardenedStore({ namespaceLabels: { [`${PSA}/enforce`]: 'baseline' } }), 'c/s', `namespaceLabels.${PSA}/enforce`, '"baseline"', "allowWeakerPodSecurity: 'baseline'"],
  ['pod security: asking for baseline does not allow privileged', hardenedStore({ allowWeakerPodSecurity: 'baseline', namespaceLabels: { [`${PSA}/enforce`]: 'privileged' } }), 'c/s', `namespaceLabels.${PSA}/enforce`, '"privileged"', "allowWeakerPodSecurity: 'privileged'"],
  ['pod security: a label weakening the hardened store later', (c) => new AksStore(c, 's', { profile: 'hardened' }).addNamespaceLabel(`${PSA}/enforce`, 'privileged'), 'c/s', `namespace label.${PSA}/enforce`, '"privileged"', "addNamespaceLabel option allowWeakerPodSecurity: 'privileged'"],
  ['pod security: asking to weaken in the workshop profile', (c) => new AksStore(c, 's', { allowWeakerPodSecurity: 'privileged' }), 'c/s', 'allowWeakerPodSecurity', '"privileged"', "needs profile 'hardened'"],
  ['pod security: a level that is not one', (c) => new AksStore(c, 's', { profile: 'hardened', allowWeakerPodSecurity: 'none' as any }), 'c/s', 'allowWeakerPodSecurity', '"none"', "'privileged', 'baseline', 'restricted'"],
  ['pod security: an enforce label in capitals', (c) => new AksStore(c, 's', { namespaceLabels: { [`${PSA}/enforce`]: 'Restricted' } }), 'c/s', `namespaceLabels.${PSA}/enforce`, '"Restricted"', "'privileged', 'baseline', 'restricted'"],
  ['pod security: a version without v1.', (c) => new AksStore(c, 's', { namespaceLabels: { [`${PSA}/enforce-version`]: '1.30' } }), 'c/s', `namespaceLabels.${PSA}/enforce-version`, '"1.30"', "'latest' or a Kubernetes version such as 'v1.30'"],
  ['pod security: a mode admission does not read', (c) => new AksStore(c, 's', { namespaceLabels: { [`${PSA}/enforcement`]: 'restricted' } }), 'c/s', 'namespaceLabels key', `"${PSA}/enforcement"`, 'a label Pod Security admission reads'],
  ['pod security: a placed namespace with an unknown level', (c) => new NamespacePlacement(c, 'np', { namespace: 'x', namespaceLabels: { [`${PSA}/audit`]: 'strict' } }), 'c/np', `namespaceLabels.${PSA}/audit`, '"strict"', "'privileged', 'baseline', 'restricted'"],

  // Regexes Go's regexp (RE2) refuses, and regexes on more than one line
  ['regex: a keep-list with a lookbehind', metrics({ keepLists: { kubelet: '(?<=kube)let_.*' } }), 'c/s', 'keepLists.kubelet', '"(?<=kube)let_.*"', "must be a regular expression that compiles in Go's RE2 syntax"],
  ['regex: Go names the lookbehind', metrics({ keepLists: { kubelet: '(?<!x)kubelet_.*' } }), 'c/s', 'keepLists.kubelet', '"(?<!x)kubelet_.*"', 'Go refuses it: a lookbehind, which RE2 does not have'],
  ['regex: a keep-list with a lookahead', metrics({ keepLists: { cadvisor: 'container_(?!fs).*' } }), 'c/s', 'keepLists.cadvisor', '"container_(?!fs).*"', 'no lookahead or lookbehind'],
  ['regex: a keep-list with a backreference', metrics({ keepLists: { kubestate: '(kube)_\\1' } }), 'c/s', 'keepLists.kubestate', '"(kube)_\\\\1"', 'Go refuses it: a backreference, which RE2 does not have'],
  ['regex: a keep-list with a newline (it would be written into the TOML)', metrics({ keepLists: { kubelet: 'kubelet_a\nkubelet_b' } }), 'c/s', 'keepLists.kubelet', '"kubelet_a\\nkubelet_b"', 'on one line'],
  ['regex: a namespace regex with a lookahead', metrics({ podAnnotationNamespaceRegex: '^(?!kube-).*' }), 'c/s', 'podAnnotationNamespaceRegex', '"^(?!kube-).*"', 'Go refuses it'],
  ['regex: a namespace regex with a tab', metrics({ podAnnotationNamespaceRegex: 'a\tb' }), 'c/s', 'podAnnotationNamespaceRegex', '"a\\tb"', 'without control characters'],
  ['regex: a repeat count above 1000', metrics({ keepLists: { coredns: 'a{1001}' } }), 'c/s', 'keepLists.coredns', '"a{1001}"', 'invalid repeat count'],
  ['regex: a relabeling with a lookbehind', podMonitor({ endpoints: [{ relabelings: [{ regex: '(?<!x)y' }] }] }), 'c/mon', 'endpoints[0].relabelings[0].regex', '"(?<!x)y"', 'Go refuses it'],
  ['regex: a relabeling with a possessive quantifier', podMonitor({ endpoints: [{ relabelings: [{ regex: 'a*+' }] }] }), 'c/mon', 'endpoints[0].relabelings[0].regex', '"a*+"', 'invalid nested repetition operator'],

  // Values that would be written wrongly or that Kubernetes refuses
  ['fleet: PickFixed naming a cluster twice', placement({ policy: PlacementPolicy.pickFixed(['a', 'a']) }), 'c/crp', 'policy.clusterNames[1]', '"a"', 'must not name a member cluster twice (it is clusterNames[0] too)'],
  ['mysql: half a kibibyte of storage', mysql({ storageSize: Size.kibibytes(0.5) }), 'c/m/statefulset', 'storageSize', '"0.5Ki"', 'whole number of kibibytes'],
  ['mysql: no storage at all', mysql({ storageSize: Size.mebibytes(0) }), 'c/m/statefulset', 'storageSize', '"0Mi"', 'more than zero'],
  ['pod: environment variable with value and valueFrom', pod({ env: [{ name: 'A', value: '1', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }), 'c/pod', 'containers[0].env[0].valueFrom', '["fieldRef"]', 'left out when value is given'],
  ['pod: environment variable from two sources', pod({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, fieldRef: { fieldPath: 'metadata.name' } } }] }), 'c/pod', 'containers[0].env[0].valueFrom', '["secretKeyRef","fieldRef"]', 'exactly one of'],
  ['pod: environment variable name with =', pod({ env: [{ name: 'A=B', value: '1' }] }), 'c/pod', 'containers[0].env[0].name', '"A=B"', "without '='"],
  ['pod: port name longer than 15 characters', pod({ ports: [{ containerPort: 8080, name: 'a-very-long-port-name' }] }), 'c/pod', 'containers[0].ports[0].name', '"a-very-long-port-name"', 'at most 15'],
  ['pod: port 0', pod({ ports: [{ containerPort: 0 }] }), 'c/pod', 'containers[0].ports[0].containerPort', '0', 'from 1 to 65535'],
  ['pod: negative user id', pod({}, { securityContext: { runAsUser: -1 } }), 'c/pod', 'securityContext.runAsUser', '-1', 'from 0 to'],
  ['pod: unknown seccomp profile type', pod({}, { securityContext: { seccompProfile: { type: 'Default' } } }), 'c/pod', 'securityContext.seccompProfile.type', '"Default"', "'RuntimeDefault', 'Localhost', 'Unconfined'"],
  ['pod: capability in lower case', pod({ securityContext: { capabilities: { drop: ['all'] } } }), 'c/pod', 'containers[0].securityContext.capabilities.drop', '["all"]', "capability names such as 'NET_ADMIN' or 'ALL'"],
  ['pod: pull policy in lower case', pod({ imagePullPolicy: 'always' }), 'c/pod', 'containers[0].imagePullPolicy', '"always"', "'Always', 'IfNotPresent', 'Never'"],
  ['pod: relative working folder', pod({ workingDir: 'app' }), 'c/pod', 'containers[0].workingDir', '"app"', 'absolute path'],
  ['pod: token switch as text', pod({}, { automountServiceAccountToken: 'no' }), 'c/pod', 'automountServiceAccountToken', '"no"', 'true or false'],
];

const CASES: readonly Case[] = [
  // AksStore
  ['store: props null', (c) => new AksStore(c, 's', null as any), 'c/s', 'props', 'null', 'must be an object'],
  ['store: namespace with capitals', (c) => new AksStore(c, 's', { namespace: 'Pets' }), 'c/s', 'namespace', '"Pets"', 'DNS-1123 label'],
  ['store: empty namespace', (c) => new AksStore(c, 's', { namespace: '' }), 'c/s', 'namespace', '""', 'DNS-1123 label'],
  ['store: namespace too long', (c) => new AksStore(c, 's', { namespace: LONG }), 'c/s', 'namespace', `"${LONG}"`, 'at most 63'],
  ['store: unknown release', (c) => new AksStore(c, 's', { release: 'nightly' as any }), 'c/s', 'release', '"nightly"', "'workshop-era', 'current'"],
  ['store: registry path with capitals', (c) => new AksStore(c, 's', { imageRegistry: 'myregistry.azurecr.io/Store' }), 'c/s', 'imageRegistry', '"myregistry.azurecr.io/Store"', 'lower-case path'],
  ['store: registry with a trailing slash', (c) => new AksStore(c, 's', { imageRegistry: 'myregistry.azurecr.io/' }), 'c/s', 'imageRegistry', '"myregistry.azurecr.io/"', "no trailing '/'"],
  ['store: tag with a colon', (c) => new AksStore(c, 's', { imageTag: 'v1:v2' }), 'c/s', 'imageTag', '"v1:v2"', 'image tag'],
  ['store: tag starting with a dot', (c) => new AksStore(c, 's', { imageTag: '.hidden' }), 'c/s', 'imageTag', '".hidden"', "not starting with '.' or '-'"],
  ['store: image with capitals', (c) => new AksStore(c, 's', { images: { rabbitmq: 'RabbitMQ:3' } }), 'c/s', 'images.rabbitmq', '"RabbitMQ:3"', 'lower-case repository path'],
  ['store: image with a short digest', (c) => new AksStore(c, 's', { images: { orderService: 'x@sha256:xyz' } }), 'c/s', 'images.orderService', '"x@sha256:xyz"', '64 hex digits'],
  ['store: image with a space', (c) => new AksStore(c, 's', { images: { storeFront: 'store front:1' } }), 'c/s', 'images.storeFront', '"store front:1"', 'container image reference'],
  ['store: image of an unknown container', (c) => new AksStore(c, 's', { images: { ai: 'x:1' } as any }), 'c/s', 'images', '"ai"', 'must name containers of the store'],
  ['store: negative replicas', (c) => new AksStore(c, 's', { replicas: { storeFront: -1 } }), 'c/s', 'replicas.storeFront', '-1', 'from 0 to 2147483647'],
  ['store: fractional replicas', (c) => new AksStore(c, 's', { replicas: { orderService: 1.5 } }), 'c/s', 'replicas.orderService', '1.5', 'whole number'],
  ['store: replicas beyond int32', (c) => new AksStore(c, 's', { replicas: { productService: 2 ** 31 } }), 'c/s', 'replicas.productService', '2147483648', 'from 0 to 2147483647'],
  ['store: replicas of RabbitMQ', (c) => new AksStore(c, 's', { replicas: { rabbitmq: 2 } as any }), 'c/s', 'replicas', '"rabbitmq"', 'orderService, productService, storeFront'],
  ['store: memory as text', (c) => new AksStore(c, 's', { resources: { storeFront: { memory: { limit: '512MB' as any } } } }), 'c/s', 'resources.storeFront.memory.limit', '"512MB"', 'must be a Size'],
  ['store: CPU request above its limit', (c) => new AksStore(c, 's', { resources: { storeFront: { cpu: { request: Cpu.millis(500), limit: Cpu.millis(100) } } } }), 'c/s', 'resources.storeFront.cpu.request', '"500m"', 'not be more than the limit 100m'],
  ['store: memory request above its limit', (c) => new AksStore(c, 's', { resources: { rabbitmq: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(256) } } } }), 'c/s', 'resources.rabbitmq.memory.request', '"1Gi"', 'not be more than the limit 256Mi'],
  ['store: negative CPU', (c) => new AksStore(c, 's', { resources: { orderService: { cpu: { request: Cpu.millis(-5) } } } }), 'c/s', 'resources.orderService.cpu.request', '"-5m"', '0 or more CPU'],
  ['store: resources of an unknown component', (c) => new AksStore(c, 's', { resources: { ai: {} } as any }), 'c/s', 'resources', '"ai"', 'must name components'],
  ['store: unknown service type', (c) => new AksStore(c, 's', { storeFrontServiceType: 'External' as any }), 'c/s', 'storeFrontServiceType', '"External"', "'LoadBalancer', 'ClusterIP', 'NodePort'"],
  ['store: createNamespace as text', (c) => new AksStore(c, 's', { createNamespace: 'yes' as any }), 'c/s', 'createNamespace', '"yes"', 'true or false'],
  ['store: namespace label key with a space', (c) => new AksStore(c, 's', { namespaceLabels: { 'istio rev': 'x' } }), 'c/s', 'namespaceLabels key', '"istio rev"', 'label key'],
  ['store: namespace label value too long', (c) => new AksStore(c, 's', { namespaceLabels: { team: LONG } }), 'c/s', 'namespaceLabels.team', `"${LONG}"`, 'at most 63'],
  ['store: namespace labels without the namespace', (c) => new AksStore(c, 's', { createNamespace: false, namespaceLabels: { a: 'b' } }), 'c/s', 'namespaceLabels', '{"a":"b"}', 'needs createNamespace: true'],
  ['store: unknown profile', (c) => new AksStore(c, 's', { profile: 'secure' as any }), 'c/s', 'profile', '"secure"', "'workshop', 'hardened'"],
  ['store: hardened with a latest image', (c) => new AksStore(c, 's', { profile: 'hardened', imageTag: 'latest' }), 'c/s', 'images.orderService', '"ghcr.io/azure-samples/aks-store-demo/order-service:latest"', 'fixed version'],
  ['store: credentials without the hardened profile', (c) => new AksStore(c, 's', { rabbitmqCredentials: {} }), 'c/s', 'rabbitmqCredentials', '"(given)"', "needs profile 'hardened'"],
  ['store: credentials without a password', (c) => new AksStore(c, 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: 'u' } } }), 'c/s', 'rabbitmqCredentials.values', '["username"]', 'exactly these keys'],
  ['store: credentials Secret name', (c) => new AksStore(c, 's', { profile: 'hardened', rabbitmqCredentials: { secretName: 'Rabbit_Creds' } }), 'c/s', 'rabbitmqCredentials.secretName', '"Rabbit_Creds"', 'DNS-1123 subdomain'],
  ['store: labelling a namespace it does not create', (c) => new AksStore(c, 's', { createNamespace: false }).addNamespaceLabel('a', 'b'), 'c/s', 'createNamespace', 'false', 'must be true to label'],
  ['store: a namespace label value that is not one', (c) => new AksStore(c, 's').addNamespaceLabel('a', 'b c'), 'c/s', 'namespace label.a', '"b c"', 'label value'],

  // CiliumPolicy and its peers, ports and DNS rules
  ['policy: props missing', (c) => new CiliumPolicy(c, 'p', undefined as any), 'c/p', 'props', '(missing)', 'must be an object'],
  ['policy: name with capitals', policy({ name: 'Allow_All' }), 'c/p', 'name', '"Allow_All"', 'DNS-1123 subdomain'],
  ['policy: selector that is not one', policy({ selector: {} }), 'c/p', 'selector', '{}', 'must be a PodSelector'],
  ['policy: selector without labels', policy({ selector: PodSelector.labels({}), namespace: 'pets' }), 'c/p', 'selector', '{}', 'an empty selector selects every pod'],
  ['policy: selector label key with a space', policy({ selector: PodSelector.labels({ 'app name': 'x' }), namespace: 'pets' }), 'c/p', 'selector key', '"app name"', 'label key'],
  ['policy: selector label value too long', policy({ selector: PodSelector.labels({ app: LONG }), namespace: 'pets' }), 'c/p', 'selector.app', `"${LONG}"`, 'label value'],
  ['policy: labels without a namespace', policy({ selector: PodSelector.labels({ app: 'x' }) }), 'c/p', 'namespace', '(missing)', 'is required when the selector names no workload'],
  ['policy: namespace with capitals', policy({ selector: PodSelector.labels({ app: 'x' }), namespace: 'Other' }), 'c/p', 'namespace', '"Other"', 'DNS-1123 label'],
  ['policy: namespace other than the workload\'s', policy({ namespace: 'other' }), 'c/p', 'namespace', '"other"', "the selected workload's namespace 'pets'"],
  ['policy: direction that is not one', policy({ ingress: { mode: 'allow', rules: [] } }), 'c/p', 'ingress', '{"mode":"allow","rules":[]}', 'must be a PolicyDirection'],
  ['policy: allow without rules', policy({ egress: PolicyDirection.allow() }), 'c/p', 'egress', '[]', 'PolicyDirection.denyAll()'],
  ['policy: a rule that is null', policy({ egress: PolicyDirection.allow(null as any) }), 'c/p', 'egress[0]', 'null', 'must be a rule object'],
  ['policy: a rule without peers', egress({ to: [], ports: [{ port: 443 }] }), 'c/p', 'egress[0].to', '[]', 'must name at least one peer'],
  ['policy: peers of two kinds', egress({ to: [PolicyPeer.entity('world'), PolicyPeer.workload(store.rabbitmq)] }), 'c/p', 'egress[0].to', '["entities","endpoints"]', 'peers of one kind'],
  ['policy: an FQDN peer on ingress', policy({ ingress: PolicyDirection.allow({ from: [PolicyPeer.fqdn(FqdnMatch.pattern('*.x.io'))] }) }), 'c/p', 'ingress[0].from[0]', '"FQDNs"', 'cannot be an ingress peer'],
  ['policy: a peer that is a string', egress({ to: ['world'] }), 'c/p', 'egress[0].to[0]', '"world"', 'must be a peer'],
  ['policy: unknown entity', egress({ to: [PolicyPeer.entity('internet' as any)] }), 'c/p', 'egress[0].to[0]', '"internet"', "'world', 'cluster'"],
  ['policy: port 0', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: 0 }] }), 'c/p', 'egress[0].ports[0].port', '0', 'from 1 to 65535'],
  ['policy: port 65536', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: 65536 }] }), 'c/p', 'egress[0].ports[0].port', '65536', 'from 1 to 65535'],
  ['policy: port as text', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: '443' }] }), 'c/p', 'egress[0].ports[0].port', '"443"', 'whole number'],
  ['policy: unknown protocol', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: 443, protocol: 'HTTP' }] }), 'c/p', 'egress[0].ports[0].protocol', '"HTTP"', "'TCP', 'UDP', 'SCTP', 'ANY'"],
  ['policy: port range ending before it starts', egress({ to: [PolicyPeer.entity('world')], ports: [{ port: 8000, endPort: 7000 }] }), 'c/p', 'egress[0].ports[0].endPort', '7000', 'from 8000 to 65535'],
  ['policy: no ports listed', egress({ to: [PolicyPeer.entity('world')], ports: [] }), 'c/p', 'egress[0].ports', '[]', 'leave it out to allow every port'],
  ['policy: a port that is not an object', egress({ to: [PolicyPeer.entity('world')], ports: [443] }), 'c/p', 'egress[0].ports[0]', '443', "{ port: 443, protocol: 'TCP' }"],
  ['policy: DNS rules without ports', egress({ to: [PolicyPeer.kubeDns()], dns: [FqdnMatch.pattern('*')] }), 'c/p', 'egress[0].dns', '[{"field":"matchPattern","value":"*"}]', 'needs ports'],
  ['policy: no DNS names listed', egress({ to: [PolicyPeer.kubeDns()], ports: [{ port: 53, protocol: 'UDP' }], dns: [] }), 'c/p', 'egress[0].dns', '[]', 'at least one name or pattern'],
  ['policy: a DNS name as text', egress({ to: [PolicyPeer.kubeDns()], ports: [{ port: 53, protocol: 'UDP' }], dns: ['x.com'] }), 'c/p', 'egress[0].dns[0]', '"x.com"', 'must be an FqdnMatch'],
  ['policy: an empty FQDN', egress({ to: [PolicyPeer.fqdn(FqdnMatch.pattern(''))], ports: [{ port: 443 }] }), 'c/p', 'egress[0].to[0].matchPattern', '""', 'DNS name'],
  ['policy: a wildcard in matchName', egress({ to: [PolicyPeer.fqdn(FqdnMatch.exactName('*.microsoft.com'))] }), 'c/p', 'egress[0].to[0].matchName', '"*.microsoft.com"', 'use FqdnMatch.pattern'],
  ['policy: an FQDN with a space', egress({ to: [PolicyPeer.fqdn(FqdnMatch.pattern('*.micro soft.com'))] }), 'c/p', 'egress[0].to[0].matchPattern', '"*.micro soft.com"', 'DNS name'],
  ['policy: an FQDN with an empty label', egress({ to: [PolicyPeer.fqdn(FqdnMatch.exactName('a..com'))] }), 'c/p', 'egress[0].to[0].matchName', '"a..com"', 'without empty labels'],
  ['policy: a CIDR prefix beyond 32', egress({ to: [PolicyPeer.cidr('10.0.0.0/33')] }), 'c/p', 'egress[0].to[0]', '"10.0.0.0/33"', 'CIDR notation'],
  ['policy: a CIDR without a prefix', egress({ to: [PolicyPeer.cidr('10.0.0.1')] }), 'c/p', 'egress[0].to[0]', '"10.0.0.1"', 'CIDR notation'],
  ['policy: description on two lines', policy({ description: 'a\nb', egress: PolicyDirection.denyAll() }), 'c/p', 'description', '"a\\nb"', 'on one line'],
  ['policy: pods peer without labels', egress({ to: [PolicyPeer.pods({})] }), 'c/p', 'egress[0].to[0].labels', '{}', 'an empty selector selects every pod'],
  ['policy: pods peer in a bad namespace', egress({ to: [PolicyPeer.pods({ app: 'x' }, 'Bad_NS')] }), 'c/p', 'egress[0].to[0].namespace', '"Bad_NS"', 'DNS-1123 label'],
  ['policy: a workload peer without labels', egress({ to: [PolicyPeer.workload(WorkloadRef.fromAttributes({ name: 'x', namespace: 'pets', podLabels: {} }))] }), 'c/p', 'egress[0].to[0].labels', '{}', 'an empty selector'],
  ['policy: a selected workload with a bad port', policy({ selector: PodSelector.workload(WorkloadRef.fromAttributes({ name: 'x', namespace: 'pets', podLabels: { app: 'x' }, ports: [{ containerPort: 0 }] })) }), 'c/p', 'selector.ports[0].containerPort', '0', 'from 1 to 65535'],
  ['policy: a selected workload whose Service cannot be one', policy({ selector: PodSelector.workload(WorkloadRef.fromAttributes({ name: 'x', namespace: 'pets', podLabels: { app: 'x' }, serviceName: '1svc' })) }), 'c/p', 'selector.serviceName', '"1svc"', 'DNS-1035 label'],

  // FqdnEgressPolicy
  ['fqdn: no workload', (c) => new FqdnEgressPolicy(c, 'f', { fqdns: [FqdnMatch.pattern('*.x.io')] } as any), 'c/f', 'workload', '(missing)', 'must be a workload'],
  ['fqdn: no names', (c) => new FqdnEgressPolicy(c, 'f', { workload: store.orderService, fqdns: [] }), 'c/f', 'fqdns', '[]', 'at least one FqdnMatch'],
  ['fqdn: names as text', (c) => new FqdnEgressPolicy(c, 'f', { workload: store.orderService, fqdns: ['x.io'] as any }), 'c/f', 'fqdns[0]', '"x.io"', 'must be an FqdnMatch'],
  ['fqdn: workload in a bad namespace', (c) => new FqdnEgressPolicy(c, 'f', { workload: WorkloadRef.fromAttributes({ name: 'x', namespace: 'X', podLabels: { app: 'x' } }), fqdns: [FqdnMatch.pattern('*.x.io')] }), 'c/f', 'workload.namespace', '"X"', 'DNS-1123 label'],
  ['fqdn: workload without labels', (c) => new FqdnEgressPolicy(c, 'f', { workload: WorkloadRef.fromAttributes({ name: 'x', namespace: 'pets', podLabels: {} }), fqdns: [FqdnMatch.pattern('*.x.io')] }), 'c/f', 'workload.podLabels', '{}', 'an empty selector'],
  ['fqdn: resolvable that is not a workload', (c) => new FqdnEgressPolicy(c, 'f', { workload: store.orderService, fqdns: [FqdnMatch.pattern('*.x.io')], resolvable: ['rabbitmq'] as any }), 'c/f', 'resolvable[0]', '"rabbitmq"', 'must be a workload'],

  // HubbleUi
  ['hubble: empty tag', (c) => new HubbleUi(c, 'h', { imageTag: '' }), 'c/h', 'imageTag', '""', 'image tag'],
  ['hubble: registry with a space', (c) => new HubbleUi(c, 'h', { imageRegistry: 'my registry' }), 'c/h', 'imageRegistry', '"my registry"', 'registry'],
  ['hubble: relay without a port', (c) => new HubbleUi(c, 'h', { relayAddress: 'hubble-relay' }), 'c/h', 'relayAddress', '"hubble-relay"', 'host:port'],
  ['hubble: relay port out of range', (c) => new HubbleUi(c, 'h', { relayAddress: 'hubble-relay:99999' }), 'c/h', 'relayAddress', '"hubble-relay:99999"', 'from 1 to 65535'],
  ['hubble: relayTls as text', (c) => new HubbleUi(c, 'h', { relayTls: 'yes' as any }), 'c/h', 'relayTls', '"yes"', 'true or false'],
  ['hubble: TLS server name with an underscore', (c) => new HubbleUi(c, 'h', { relayTlsServerName: 'ui_hubble' }), 'c/h', 'relayTlsServerName', '"ui_hubble"', 'DNS-1123 subdomain'],
  ['hubble: negative replicas', (c) => new HubbleUi(c, 'h', { replicas: -1 }), 'c/h', 'replicas', '-1', 'from 0 to'],
  ['hubble: namespace with capitals', (c) => new HubbleUi(c, 'h', { namespace: 'Kube_System' }), 'c/h', 'namespace', '"Kube_System"', 'DNS-1123 label'],
  ['hubble: frontend image with a short digest', (c) => new HubbleUi(c, 'h', { images: { frontend: 'x@sha256:abc' } }), 'c/h', 'images.frontend', '"x@sha256:abc"', '64 hex digits'],
  ['hubble: certs Secret name', (c) => new HubbleUi(c, 'h', { relayClientCertsSecret: 'Certs' }), 'c/h', 'relayClientCertsSecret', '"Certs"', 'DNS-1123 subdomain'],

  // CurlClient
  ['curl: namespace with capitals', (c) => new CurlClient(c, 'curl', { namespace: 'Default' }), 'c/curl', 'namespace', '"Default"', 'DNS-1123 label'],
  ['curl: name with capitals', (c) => new CurlClient(c, 'curl', { name: 'Curl_Deployment' }), 'c/curl', 'name', '"Curl_Deployment"', 'DNS-1123 subdomain'],
  ['curl: image with an empty tag', (c) => new CurlClient(c, 'curl', { image: 'curlimages/curl:' }), 'c/curl', 'image', '"curlimages/curl:"', 'container image reference'],
  ['curl: pod labels empty', (c) => new CurlClient(c, 'curl', { podLabels: {} }), 'c/curl', 'podLabels', '{}', 'an empty selector'],
  ['curl: props null', (c) => new CurlClient(c, 'curl', null as any), 'c/curl', 'props', 'null', 'must be an object'],

  // MeshMtls
  ['mtls: no props', (c) => new MeshMtls(c, 'm', undefined as any), 'c/m', 'props', '(missing)', 'must be an object'],
  ['mtls: neither namespace nor workload', (c) => new MeshMtls(c, 'm', {}), 'c/m', 'namespace', '(missing)', 'is required without a workload'],
  ['mtls: namespace as text', (c) => new MeshMtls(c, 'm', { namespace: 'pets' as any }), 'c/m', 'namespace', '"pets"', 'namespace reference'],
  ['mtls: namespace name with capitals', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('Pets') }), 'c/m', 'namespace', '"Pets"', 'DNS-1123 label'],
  ['mtls: mode in lower case', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('pets'), mode: 'strict' as any }), 'c/m', 'mode', '"strict"', "'STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'"],
  ['mtls: port modes without a workload', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('pets'), portModes: { 80: 'DISABLE' } }), 'c/m', 'portModes', '{"80":"DISABLE"}', 'needs a workload'],
  ['mtls: port mode port out of range', (c) => new MeshMtls(c, 'm', { workload: store.rabbitmq, portModes: { 70000: 'DISABLE' } }), 'c/m', 'portModes', '70000', 'from 1 to 65535'],
  ['mtls: port mode unknown', (c) => new MeshMtls(c, 'm', { workload: store.rabbitmq, portModes: { 5672: 'OFF' as any } }), 'c/m', 'portModes.5672', '"OFF"', "'STRICT'"],
  ['mtls: workload in another namespace', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('default'), workload: store.rabbitmq }), 'c/m', 'workload', '"pets/rabbitmq"', "must run in namespace 'default'"],
  ['mtls: name with capitals', (c) => new MeshMtls(c, 'm', { namespace: NamespaceRef.named('pets'), name: 'Pets_Default' }), 'c/m', 'name', '"Pets_Default"', 'DNS-1123 subdomain'],

  // MeshIngress
  ['ingress: no destination', (c) => new MeshIngress(c, 'in', {} as any), 'c/in', 'destination', '(missing)', 'must be a workload'],
  ['ingress: destination without a Service', ingressTo({ destination: noService }), 'c/in', 'destination', '"default/job"', 'must have a Service to route to'],
  ['ingress: no hosts', ingressTo({ hosts: [] }), 'c/in', 'hosts', '[]', "at least one host ('*' for any)"],
  ['ingress: host with an underscore', ingressTo({ hosts: ['store_front.example.com'] }), 'c/in', 'hosts[0]', '"store_front.example.com"', "a '*.'-prefixed wildcard or '*'"],
  ['ingress: wildcard in the middle', ingressTo({ hosts: ['store.*.com'] }), 'c/in', 'hosts[0]', '"store.*.com"', 'DNS name'],
  ['ingress: gateway port 0', ingressTo({ port: { number: 0 } }), 'c/in', 'port.number', '0', 'from 1 to 65535'],
  ['ingress: gateway port name with capitals', ingressTo({ port: { name: 'HTTP_PORT' } }), 'c/in', 'port.name', '"HTTP_PORT"', 'DNS-1123 label'],
  ['ingress: gateway protocol TCP', ingressTo({ port: { protocol: 'TCP' } }), 'c/in', 'port.protocol', '"TCP"', "'HTTP', 'HTTP2', 'GRPC'"],
  ['ingress: unknown gateway', ingressTo({ gateway: 'public' }), 'c/in', 'gateway', '"public"', "'external', 'internal'"],
  ['ingress: a port the Service does not have', ingressTo({ destinationPort: 8080 }), 'c/in', 'destinationPort', '8080', 'must be a port of Service pets/store-front: 80'],
  ['ingress: path without a slash', ingressTo({ pathPrefix: 'store' }), 'c/in', 'pathPrefix', '"store"', "must start with '/'"],
  ['ingress: gateway name with capitals', ingressTo({ gatewayName: 'Pets_Gateway' }), 'c/in', 'gatewayName', '"Pets_Gateway"', 'DNS-1123 subdomain'],
  ['ingress: check switch as text', ingressTo({ checkDestinationInChart: 'no' }), 'c/in', 'checkDestinationInChart', '"no"', 'true or false'],

  // AcstorStoragePool
  ['pool: two replicas', pool({ poolType: PoolType.ephemeralDisk({ replicas: 2 }) }), 'c/pool', 'poolType.replicas', '2', 'must be 3 or 5'],
  ['pool: unknown disk type', pool({ poolType: PoolType.ephemeralDisk({ diskType: 'ssd' as any }) }), 'c/pool', 'poolType.diskType', '"ssd"', "'nvme', 'temp'"],
  ['pool: hyperconverged as text', pool({ poolType: PoolType.ephemeralDisk({ replicas: 3, hyperconverged: 'yes' as any }) }), 'c/pool', 'poolType.hyperconverged', '"yes"', 'true or false'],
  ['pool: storage as text', pool({ poolType: PoolType.azureDisk(), storage: '1TB' }), 'c/pool', 'storage', '"1TB"', 'must be a Size'],
  ['pool: storage of zero', pool({ poolType: PoolType.azureDisk(), storage: Size.gibibytes(0) }), 'c/pool', 'storage', '"0Gi"', 'more than zero'],
  ['pool: unknown SKU', pool({ poolType: PoolType.azureDisk({ skuName: 'Premium_SSD' as any }), storage: Size.tebibytes(1) }), 'c/pool', 'poolType.skuName', '"Premium_SSD"', "'Premium_LRS'"],
  ['pool: negative IOPS', pool({ poolType: PoolType.azureDisk({ skuName: 'PremiumV2_LRS', iopsReadWrite: -5 }), storage: Size.tebibytes(1) }), 'c/pool', 'poolType.iopsReadWrite', '-5', 'from 1 to 400000'],
  ['pool: a disk that is not a resource ID', pool({ poolType: PoolType.azureDisk({ disks: [{ reference: '<resource-id>' }] }) }), 'c/pool', 'poolType.disks[0].reference', '"<resource-id>"', 'managed disk resource ID'],
  ['pool: an encryption vault over http', pool({
    poolType: PoolType.azureDisk({ encryption: { keyName: 'k', keyVersion: 'v1', keyVaultUri: 'http://kv.vault.azure.net', identity: 'x' } }), storage: Size.tebibytes(1),
  }), 'c/pool', 'poolType.encryption.keyVaultUri', '"http://kv.vault.azure.net"', 'https://<vault-name>.vault.azure.net'],
  ['pool: zone 4', pool({ poolType: PoolType.elasticSan(), storage: Size.tebibytes(1), zones: ['4'] }), 'c/pool', 'zones[0]', '"4"', "'1', '2', '3'"],
  ['pool: no zones', pool({ poolType: PoolType.elasticSan(), storage: Size.tebibytes(1), zones: [] }), 'c/pool', 'zones', '[]', 'leave it out for no preference'],
  ['pool: a zone twice', pool({ poolType: PoolType.elasticSan(), storage: Size.tebibytes(1), zones: ['1', '1'] }), 'c/pool', 'zones', '["1","1"]', 'not name a zone twice'],
  ['pool: name with capitals', pool({ name: 'NVMe' }), 'c/pool', 'name', '"NVMe"', 'DNS-1123 subdomain'],

  // ReplicatedMysql
  ['mysql: name with capitals', mysql({ name: 'MySQL' }), 'c/m', 'name', '"MySQL"', 'DNS-1035 label'],
  ['mysql: name starting with a digit (it names a Service)', mysql({ name: '1mysql' }), 'c/m', 'name', '"1mysql"', 'starting with a letter'],
  ['mysql: name without room for -read', mysql({ name: 'm'.repeat(60) }), 'c/m', 'name', `"${'m'.repeat(60)}"`, `room for the Service name '${'m'.repeat(60)}-read'`],
  ['mysql: name too long for a StatefulSet', mysql({ name: 'm'.repeat(55) }), 'c/m', 'name', `"${'m'.repeat(55)}"`, 'at most 52 characters'],
  ['mysql: 101 replicas', mysql({ replicas: 101 }), 'c/m/statefulset', 'replicas', '101', 'from 0 to 100'],
  ['mysql: storage size as text', mysql({ storageSize: '10GB' }), 'c/m/statefulset', 'storageSize', '"10GB"', 'must be a Size'],
  ['mysql: image with capitals', mysql({ images: { mysql: 'MySQL:5.7' } }), 'c/m/statefulset', 'images.mysql', '"MySQL:5.7"', 'lower-case'],
  ['mysql: storage class as text', mysql({ storageClass: 'acstor-x' }), 'c/m/statefulset', 'storageClass', '"acstor-x"', 'AcstorStoragePool.fromPoolName'],
  ['mysql: accept-ephemeral-storage as text', mysql({ acceptEphemeralStorage: 'true' }), 'c/m/statefulset', 'acceptEphemeralStorage', '"true"', 'true or false'],
  ['mysql: root password in the workshop profile', mysql({ rootPassword: { values: { password: 'x' } } }), 'c/m/statefulset', 'rootPassword', '"(given)"', "needs profile 'hardened'"],
  ['mysql: namespace with capitals', mysql({ namespace: 'DB' }), 'c/m', 'namespace', '"DB"', 'DNS-1123 label'],

  // Identity
  ['identity: client ID that is not a GUID', (c) => new WorkloadIdentityServiceAccount(c, 'sa', { clientId: 'not-a-guid' }), 'c/sa', 'clientId', '"not-a-guid"', 'must be a GUID'],
  ['identity: ServiceAccount name with capitals', (c) => new WorkloadIdentityServiceAccount(c, 'sa', { clientId: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b', name: 'SA' }), 'c/sa', 'name', '"SA"', 'DNS-1123 subdomain'],
  ['identity: pod without containers', (c) => new WorkloadIdentityPod(c, 'pod', { name: 'p', serviceAccount: sa(c), containers: [] }), 'c/pod', 'containers', '[]', 'at least one container'],
  ['identity: two containers of one name', (c) => new WorkloadIdentityPod(c, 'pod', { name: 'p', serviceAccount: sa(c), containers: [{ name: 'a', image: 'busybox:1.37.0' }, { name: 'a', image: 'busybox:1.37.0' }] }), 'c/pod', 'containers[1].name', '"a"', "differ from the other containers' names"],
  ['identity: container image with a space', (c) => new WorkloadIdentityPod(c, 'pod', { name: 'p', serviceAccount: sa(c), containers: [{ name: 'a', image: 'busybox latest' }] }), 'c/pod', 'containers[0].image', '"busybox latest"', 'container image reference'],
  ['identity: pod label key with a space', (c) => new WorkloadIdentityPod(c, 'pod', { name: 'p', serviceAccount: sa(c), containers: [{ name: 'a', image: 'busybox:1.37.0' }], labels: { 'my label': 'x' } }), 'c/pod', 'labels key', '"my label"', 'label key'],
  ['identity: pod with a plain object as its ServiceAccount', (c) => new WorkloadIdentityPod(c, 'pod', { name: 'p', serviceAccount: { name: 'sa' } as any, containers: [{ name: 'a', image: 'busybox:1.37.0' }] }), 'c/pod', 'serviceAccount', '{"name":"sa"}', 'must be a WorkloadIdentityServiceAccount'],
  ['identity: vault URL of another host', (c) => new WorkloadIdentitySamples(c, 'samples', { serviceAccount: sa(c), keyVaultUrl: 'https://kv.example.com/' }), 'c/samples', 'keyVaultUrl', '"https://kv.example.com/"', 'https://<vault-name>.vault.azure.net/'],
  ['identity: secret name with an underscore', (c) => new WorkloadIdentitySamples(c, 'samples', { serviceAccount: sa(c), keyVaultUrl: 'https://kv-x.vault.azure.net/', secretName: 'my_secret' }), 'c/samples', 'secretName', '"my_secret"', 'Key Vault secret name'],
  ['identity: reader image with capitals', (c) => new WorkloadIdentitySamples(c, 'samples', { serviceAccount: sa(c), keyVaultUrl: 'https://kv-x.vault.azure.net/', keyVaultReaderImage: 'ghcr.io/Azure/msal-go' }), 'c/samples', 'keyVaultReaderImage', '"ghcr.io/Azure/msal-go"', 'lower-case'],

  // Observability
  ['metrics: unknown target', (c) => new AmaMetricsSettings(c, 's', { targets: { kubeletz: true } as any }), 'c/s', 'targets', '"kubeletz"', 'must name known targets'],
  ['metrics: target switch as text', (c) => new AmaMetricsSettings(c, 's', { targets: { kubelet: 'yes' as any } }), 'c/s', 'targets.kubelet', '"yes"', 'true or false'],
  ['metrics: keep-list regex that does not compile', (c) => new AmaMetricsSettings(c, 's', { keepLists: { kubelet: 'kubelet_(' } }), 'c/s', 'keepLists.kubelet', '"kubelet_("', 'must be a regular expression that compiles'],
  ['metrics: interval as text', (c) => new AmaMetricsSettings(c, 's', { scrapeIntervals: { kubelet: '30s' as any } }), 'c/s', 'scrapeIntervals.kubelet', '"30s"', 'must be a Duration'],
  ['metrics: interval of zero', (c) => new AmaMetricsSettings(c, 's', { scrapeIntervals: { kubelet: Duration.seconds(0) } }), 'c/s', 'scrapeIntervals.kubelet', '"0 seconds"', 'more than zero'],
  ['metrics: config version too long', (c) => new AmaMetricsSettings(c, 's', { configVersion: 'version-2024-11' }), 'c/s', 'configVersion', '"version-2024-11"', '1 to 10 printable characters'],
  ['metrics: cluster alias on two lines', (c) => new AmaMetricsSettings(c, 's', { clusterAlias: 'a\nb' }), 'c/s', 'clusterAlias', '"a\\nb"', 'on one line'],
  ['metrics: namespace regex that does not compile', (c) => new AmaMetricsSettings(c, 's', { podAnnotationNamespaceRegex: '[' }), 'c/s', 'podAnnotationNamespaceRegex', '"["', 'compiles'],
  ['metrics: minimal profile as text', (c) => new AmaMetricsSettings(c, 's', { minimalIngestionProfile: 'true' as any }), 'c/s', 'minimalIngestionProfile', '"true"', 'true or false'],
  ['monitor: selector matching no pods', podMonitor({ selectLabels: { app: 'api' } }), 'c/mon', 'selectLabels', '{"app":"api"}', 'this selector would find no pods'],
  ['monitor: port the workload does not name', podMonitor({ endpoints: [{ port: 'http' }] }), 'c/mon', 'endpoints[0].port', '"http"', 'named port of the workload: metrics'],
  ['monitor: interval as text', podMonitor({ endpoints: [{ interval: '30' }] }), 'c/mon', 'endpoints[0].interval', '"30"', 'must be a Duration'],
  ['monitor: unknown relabel action', podMonitor({ endpoints: [{ relabelings: [{ action: 'rename' }] }] }), 'c/mon', 'endpoints[0].relabelings[0].action', '"rename"', "'replace', 'keep'"],
  ['monitor: relabel regex that does not compile', podMonitor({ endpoints: [{ relabelings: [{ regex: '(' }] }] }), 'c/mon', 'endpoints[0].relabelings[0].regex', '"("', 'compiles'],
  ['monitor: source label starting with a digit', podMonitor({ endpoints: [{ relabelings: [{ sourceLabels: ['1bad'] }] }] }), 'c/mon', 'endpoints[0].relabelings[0].sourceLabels[0]', '"1bad"', 'Prometheus label name'],
  ['monitor: path without a slash', podMonitor({ endpoints: [{ path: 'metrics' }] }), 'c/mon', 'endpoints[0].path', '"metrics"', "must start with '/'"],
  ['monitor: scheme ftp', podMonitor({ endpoints: [{ scheme: 'ftp' }] }), 'c/mon', 'endpoints[0].scheme', '"ftp"', "'http', 'https'"],
  ['monitor: negative label limit', podMonitor({ labelLimits: { count: -1 } }), 'c/mon', 'labelLimits.count', '-1', 'from 0 to'],
  ['monitor: no endpoints', podMonitor({ endpoints: [] }), 'c/mon', 'endpoints', '[]', 'at least one endpoint'],
  ['monitor: ServiceMonitor of a workload without a Service', (c) => new AzureServiceMonitor(c, 'mon', { name: 'mon', workload: noService }), 'c/mon', 'workload', '"default/job"', 'must have a Service'],
  ['reference app: tag with a colon', (c) => new PrometheusReferenceApp(c, 'r', { imageTag: 'v1:v2' }), 'c/r', 'imageTag', '"v1:v2-ref-app-golang"', 'image tag'],
  ['reference app: image with capitals', (c) => new PrometheusReferenceApp(c, 'r', { images: { python: 'Example.io/Ref:1' } }), 'c/r', 'images.python', '"Example.io/Ref:1"', 'lower-case'],

  // Fleet
  ['fleet: PickN of zero', placement({ policy: PlacementPolicy.pickN(0) }), 'c/crp', 'policy.numberOfClusters', '0', 'a whole number of clusters, 1 or more'],
  ['fleet: PickFixed without names', placement({ policy: PlacementPolicy.pickFixed([]) }), 'c/crp', 'policy.clusterNames', '[]', 'at least one member cluster'],
  ['fleet: PickFixed name with capitals', placement({ policy: PlacementPolicy.pickFixed(['Member_1']) }), 'c/crp', 'policy.clusterNames[0]', '"Member_1"', 'DNS-1123 subdomain'],
  ['fleet: cluster label key with a space', placement({ policy: PlacementPolicy.pickAll({ requiredClusterLabels: { 'env type': 'prod' } }) }), 'c/crp', 'policy.requiredClusterLabels key', '"env type"', 'label key'],
  ['fleet: surge of 150%', placement({ strategy: RolloutStrategy.rollingUpdate({ maxSurge: '150%' }) }), 'c/crp', 'strategy.maxSurge', '"150%"', "percentage such as '25%'"],
  ['fleet: negative unavailable clusters', placement({ strategy: RolloutStrategy.rollingUpdate({ maxUnavailable: -1 }) }), 'c/crp', 'strategy.maxUnavailable', '-1', 'from 0 to'],
  ['fleet: unavailable period with a fraction', placement({ strategy: RolloutStrategy.rollingUpdate({ unavailablePeriod: Duration.millis(1500) }) }), 'c/crp', 'strategy.unavailablePeriod', '"1 second 500 millis"', 'whole number of seconds'],
  ['fleet: strategy as a plain object', placement({ strategy: { type: 'RollingUpdate' } }), 'c/crp', 'strategy', '{"type":"RollingUpdate"}', 'RolloutStrategy.rollingUpdate'],
  ['fleet: policy as a plain object', placement({ policy: { placementType: 'PickAll' } }), 'c/crp', 'policy', '{"placementType":"PickAll"}', 'PlacementPolicy.pickAll()'],
  ['fleet: nothing to place', placement({ resources: [] }), 'c/crp', 'resources', '[]', 'at least one resource'],
  ['fleet: group with capitals', placement({ resources: [{ group: 'Apps', version: 'v1', kind: 'Deployment', name: 'x' }] }), 'c/crp', 'resources[0].group', '"Apps"', 'API group'],
  ['fleet: version without a v', placement({ resources: [{ group: '', version: '1', kind: 'Namespace', name: 'x' }] }), 'c/crp', 'resources[0].version', '"1"', "such as 'v1'"],
  ['fleet: kind in lower case', placement({ resources: [{ group: '', version: 'v1', kind: 'namespace', name: 'x' }] }), 'c/crp', 'resources[0].kind', '"namespace"', "such as 'Namespace'"],
  ['fleet: name and labels both', placement({ resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'x', labels: { a: 'b' } }] }), 'c/crp', 'resources[0]', '{"group":"","version":"v1","kind":"Namespace","name":"x","labels":{"a":"b"}}', 'by name or by labels'],
  ['fleet: unknown API version', placement({ apiVersion: 'v2' }), 'c/crp', 'apiVersion', '"v2"', "'v1beta1', 'v1'"],
  ['fleet: placement name with capitals', placement({ name: 'My_CRP' }), 'c/crp', 'name', '"My_CRP"', 'DNS-1123 subdomain'],
  ['fleet: placed namespace with capitals', (c) => new NamespacePlacement(c, 'np', { namespace: 'My_NS' }), 'c/np', 'namespace', '"My_NS"', 'DNS-1123 label'],
  ['fleet: namespace labels without the namespace', (c) => new NamespacePlacement(c, 'np', { namespace: 'x', createNamespace: false, namespaceLabels: { a: 'b' } }), 'c/np', 'namespaceLabels', '{"a":"b"}', 'needs createNamespace: true'],
  ...PROPS_NOT_TAKEN,
];

describe('bad input gives a clear error: construct path, prop, value and what is allowed', () => {
  test('there are at least 100 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  test.each(CASES)('%s', (_what, build, path, prop, value, allowed) => {
    let error: unknown;
    try {
      build(new Chart(new App(), 'c'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidPropError);
    const e = error as InvalidPropError;
    expect({ path: e.constructPath, prop: e.prop }).toEqual({ path, prop });
    expect(e.allowed).toContain(allowed);
    expect(e.message).toBe(`${path}: invalid ${prop} ${value}: ${e.allowed}`);
  });
});

/** A cdk8s-plus-30 Deployment and StatefulSet with a namespace, for the WorkloadRef adapters. */
function plusObjects() {
  const chart = new Chart(new App(), 'plus');
  const deployment = new Deployment(chart, 'web', { metadata: { namespace: 'shop' }, containers: [{ image: 'nginx:1.27', securityContext: { ensureNonRoot: false } }] });
  const statefulSet = new StatefulSet(chart, 'db', {
    metadata: { namespace: 'shop' },
    service: new Service(chart, 'db-svc', { ports: [{ port: 5432 }] }),
    containers: [{ image: 'postgres:16', securityContext: { ensureNonRoot: false } }],
  });
  return { chart, deployment, statefulSet };
}

/** Library calls given what they do not take: an error that says what they take, never a TypeError. */
const CALL_CASES: readonly (readonly [what: string, call: () => unknown, error: new (...args: any[]) => Error, message: string])[] = [
  ['synthesizeManifests of a Chart', () => synthesizeManifests(new Chart(new App(), 'team-a') as any), InputError,
    "synthesizeManifests: must be given a cdk8s App (new App()), not the Chart 'team-a' (give its app: Chart.of(x).node.root)"],
  ['synthesizeManifests of nothing', () => synthesizeManifests(undefined as any), InputError, 'synthesizeManifests: must be given a cdk8s App (new App()), not undefined'],
  ['synthesizeManifests of a folder name', () => synthesizeManifests('dist' as any), InputError, 'synthesizeManifests: must be given a cdk8s App (new App()), not a string'],
  ['synthesizeCharts of a plain object (thrown when called, not on the first file)', () => synthesizeCharts({} as any), InputError, 'synthesizeCharts: must be given a cdk8s App (new App()), not a plain object'],
  ['constructMetadata of null', () => constructMetadata(null as any), InputError, 'constructMetadata: must be given a cdk8s App (new App()), not null'],
  ['synthesizeManifests with a misspelt option', () => synthesizeManifests(new App(), { validation: false } as any), InputError, 'invalid synthesize option "validation": must name validate or validationThread'],
  ['synthesizeManifests with validate as text', () => synthesizeManifests(new App(), { validate: 'no' } as any), InputError, 'invalid validate "no": must be true or false'],
  ['WorkloadRef.fromDeployment of a StatefulSet', () => WorkloadRef.fromDeployment(plusObjects().statefulSet), InvalidPropError,
    'plus/db: invalid kind "StatefulSet": must be Deployment: WorkloadRef.fromDeployment reads a cdk8s-plus Deployment'],
  ['WorkloadRef.fromStatefulSet of a Deployment', () => WorkloadRef.fromStatefulSet(plusObjects().deployment), InvalidPropError,
    'plus/web: invalid kind "Deployment": must be StatefulSet: WorkloadRef.fromStatefulSet reads a cdk8s-plus StatefulSet'],
  ['WorkloadRef.fromDeployment of a plain object', () => WorkloadRef.fromDeployment({ name: 'web' } as any), InputError,
    'WorkloadRef.fromDeployment: must be given a cdk8s-plus Deployment (of any cdk8s-plus major), not a plain object'],
  ['WorkloadRef.fromService of a Deployment', () => WorkloadRef.fromService(plusObjects().deployment as any), InputError,
    'WorkloadRef.fromService: must be given a cdk8s-plus Service (of any cdk8s-plus major), not a Deployment'],
  ['WorkloadRef.fromDeployment with a misspelt option', () => WorkloadRef.fromDeployment(plusObjects().deployment, { svc: undefined } as any), InputError,
    'WorkloadRef.fromDeployment: invalid option "svc": must name service or namespace'],
  ['WorkloadRef.fromService with a service option', () => WorkloadRef.fromService(new Service(new Chart(new App(), 'c'), 's', { ports: [{ port: 80 }] }), { service: undefined } as any), InputError,
    'WorkloadRef.fromService: invalid option "service": must name namespace'],
];

describe('library calls given what they do not take', () => {
  test.each(CALL_CASES)('%s', (_what, call, errorClass, message) => {
    expect(call).toThrow(errorClass);
    expect(call).toThrow(message);
  });

  test(`${CASES.length + CALL_CASES.length} cases in all`, () => {
    expect(CASES.length + CALL_CASES.length).toBeGreaterThanOrEqual(280);
  });
});
