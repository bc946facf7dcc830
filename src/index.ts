// The package's public API: every name it exports, by area. Anything else is internal (import it
// from its module in tests); api/aks-labs-cdk8s.api.md records the signatures, and CI fails when they change.

export {
  AksLabsError, apiGroup, CLUSTER_DOMAIN, constructMetadata, credentialTextProblem, DEFAULT_ISTIO_REVISION, exitCodeOf,
  INGRESS_GATEWAY_KINDS, INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_PORTS, ingressGatewayName, ingressGatewaySelector, InputError,
  InvalidPropError, isDns1035Label, isDns1123Label, isDns1123Subdomain, isGuid, isImageReference, isKeyVaultUrl, isLabelKey, isLabelValue,
  isPortProtocol, isQuantity, ISTIO_REVISION_LABEL, ISTIOD_NAMESPACE, ISTIOD_POD_LABELS, ISTIOD_XDS_PORT, istiodHost,
  istiodName, KUBE_DNS, ManifestYamlError, meshConfigMapName, MIN_HARDENED_ID, NamespaceRef,
  objectIdentity, PARALLEL_VALIDATION_MIN_OBJECTS, POD_SECURITY_LEVELS, POD_SECURITY_VERSION, POLICY_PROTOCOLS,
  PORT_PROTOCOLS, PROFILE_POD_SECURITY, PROFILES, registerManifestSchema, SchemaValidationError, setManifestFile,
  SUPPORTED_YAML_OUTPUT_TYPES, synthesizeCharts, synthesizeManifests, validateAgainstSchema, validateManifest, VALIDATION_THREADS,
  WorkloadRef,
} from './core';
export type {
  ContainerCapabilities, ContainerSecurityContext, ErrorKind, FromCdk8sPlusOptions, ICdk8sPlusContainerPort, ICdk8sPlusResource,
  ICdk8sPlusService, ICdk8sPlusServicePort, ICdk8sPlusWorkload, IContainerResources, ICpu, INamespaceRef, IngressGatewayKind, IWorkloadRef,
  ManifestFile, ManifestValidation, ObjectNames, PodSecurityContext,
  PodSecurityLevel, PolicyProtocol, PortProtocol, Profile, RequestAndLimit, RunAsUser, SchemaIssue, SchemaSource,
  SeccompProfile, SecretCredentials, SynthesizeOptions, ValidationThread, WorkloadAttributes,
  WorkloadPort,
} from './core';
export { manifestOutputFile, OUTPUT_MARKER, OutputFolderError, SECRET_FILE_MODE, writeManifests, writeOutputFolder } from './output';
export type { OutputFile, WriteOutputOptions, WriteOutputResult } from './output';
export {
  AksStore, DEFAULT_AKS_STORE_REGISTRY, STORE_COMPONENTS, STORE_FRONT_SERVICE_TYPES, STORE_RELEASE_NAMES, STORE_RELEASES, StoreService,
} from './store';
export type {
  AksStoreProps, IAksStore, NamespaceLabelOptions, StoreComponent, StoreFrontServiceType, StoreImages, StoreRelease, StoreReleaseName,
  StoreReplicas,
} from './store';
export {
  CidrPeer, CILIUM_ENTITIES, CiliumPolicy, DIRECTION_MODES, dnsLookupRule, EndpointsPeer, EntityPeer, FqdnEgressPolicy,
  FqdnMatch, FqdnPeer, HubbleUi, NoPeer, POD_NAMESPACE_LABEL, PodSelector, PolicyDirection, PolicyPeer,
} from './networking';
export type {
  CiliumEntity, CiliumPolicyProps, DirectionMode, EgressRule, FqdnEgressPolicyProps, HubbleUiImages, HubbleUiProps,
  IngressRule, IPolicyPeer, PeerContext, PolicyPort, WorkloadPeerOptions,
} from './networking';
export { CurlClient, enableSidecarInjection, GATEWAY_PROTOCOLS, isIstioRevision, MeshIngress, MeshMtls, MTLS_MODES } from './mesh';
export type { CurlClientProps, GatewayPort, GatewayProtocol, MeshIngressProps, MeshMtlsProps, MtlsMode } from './mesh';
export {
  AcstorStoragePool, AZURE_DISK_SKUS, EPHEMERAL_DISK_REPLICAS, EPHEMERAL_DISK_TYPES, MysqlConfigAndServices, MysqlStatefulSet,
  PERFORMANCE_DISK_SKUS, POOL_ZONES, PoolType, ReplicatedMysql, STORAGE_POOL_SCHEMA, StorageClassRef, StoragePool,
} from './storage';
export type {
  AcstorStoragePoolProps, AzureDiskSku, EphemeralDiskOptions, EphemeralDiskType, IStorageClass, MysqlImages, ReplicatedMysqlProps,
  StoragePoolAzureDisk, StoragePoolDiskReference, StoragePoolElasticSan, StoragePoolEncryption, StoragePoolEphemeralDisk, StoragePoolProps,
  StoragePoolResources, StoragePoolSpec, StoragePoolSpecPoolType, StoragePoolStorage,
} from './storage';
export {
  CLIENT_ID_ANNOTATION, IMAGE_PULL_POLICIES, USE_WORKLOAD_IDENTITY_LABEL, WORKLOAD_IDENTITY_SAMPLE_PODS, WORKLOAD_IDENTITY_TOKEN_FILE,
  WorkloadIdentityPod, WorkloadIdentitySamples, WorkloadIdentityServiceAccount,
} from './identity';
export type {
  ContainerEnvVar, ContainerPortSpec, ContainerProbe, EnvKeyRef, EnvVarSource, ImagePullPolicy, WorkloadIdentityContainer,
  WorkloadIdentityPodProps, WorkloadIdentitySamplesProps, WorkloadIdentityServiceAccountProps,
} from './identity';
export {
  AmaMetricsSettings, AzurePodMonitor, AzureServiceMonitor, INTERVAL_TARGETS, KEEP_LIST_TARGETS, PrometheusReferenceApp, RELABEL_ACTIONS,
  SCRAPE_SCHEMES, SCRAPE_TARGET_DEFAULTS, SCRAPE_TARGETS,
} from './observability';
export type {
  AmaMetricsSettingsProps, IntervalTarget, KeepListTarget, MonitorEndpoint, MonitorProps, PrometheusReferenceAppImages,
  PrometheusReferenceAppProps, RelabelAction, Relabeling, ScrapeScheme, ScrapeTarget,
} from './observability';
export { NamespacePlacement, PLACEMENT_API_VERSIONS, PlacementPolicy, ResourcePlacement, RolloutStrategy } from './fleet';
export type {
  ClusterAffinityOptions, NamespacePlacementProps, PlacedResource, PlacementApiVersion, ResourcePlacementProps, RollingUpdateOptions,
} from './fleet';
export {
  buildFlowGraph, checkClaims, CLAIM_EXPECTATIONS, CLAIM_PROTOCOLS, ConnectivityModel, GATEWAY_ADDRESS, GRAPH_FORMATS,
  GRAPH_WORKLOAD_LIMIT, ManifestInputError, MODEL_COVERAGE, parseClaims, readClaims, renderClaims, renderDot, renderMermaid, renderSvg,
  renderText, REPORT_FORMATS, verify, VERIFY_REPORT_VERSION,
} from './analysis';
export type {
  ApplyOptions, CheckKind, Claim, ClaimExpectation, ClaimHttp, ClaimOrigin, ClaimProtocol, ClaimResult, ClaimSource, ClaimTarget,
  ClaimTargetKind, ClusterOptions, ConnectionSource, ConnectionTarget, ConnectionVerdict, ConnectivityOptions, CoverageRow, FlowEdge,
  FlowGraph, FlowNode, GraphFormat, HttpFields, InputLocation, Outcome, ParsedClaim, Reason, ReportedClaim, ReportFormat, UnmodelledField,
  Verification, VerifyInput, VerifyManifests, VerifyOptions, VerifyReport,
} from './analysis';
export {
  addSection, ADVANCED_AKS_FLEET_SECTION, ADVANCED_AKS_IDENTITY_SECTION, ADVANCED_AKS_MESH_SECTION, ADVANCED_AKS_NAMESPACE,
  ADVANCED_AKS_SECTIONS, ADVANCED_AKS_STORE_SECTION, allowOrderServiceTraffic, allowProductServiceTraffic, allowRabbitmqTraffic,
  allowStoreFrontTraffic, DotEnvError, EDITIONS, endStateClaims, FLEET_SECTION, FleetChart, IDENTITY_SECTION,
  IdentityChart, InvalidSettingError, keyVaultSource, MESH_SECTION, MeshChart, missingSettings, MissingSettingsError, mysqlRootPassword,
  NETWORKING_SECTION, NetworkingChart, OBSERVABILITY_SECTION, ObservabilityChart, parseDotEnv, parseDotEnvEntries, RABBITMQ_EGRESS_MODES,
  rabbitmqCredentials, readWorkshopSettings, SECURE_STORE_SECTION, SecureStoreChart, SettingsError, STORAGE_SECTION, StorageChart,
  STORE_FRONT_INGRESS_MODES, STORE_SECTION, StoreChart, StoreNetworkPolicies, synthesizeMemberCluster, synthesizeWorkshop,
  WORKSHOP_CLUSTERS, WORKSHOP_EDITIONS, WORKSHOP_MYSQL_CLIENT, WORKSHOP_OUTPUTS, WORKSHOP_SECTIONS, WORKSHOP_SETTINGS, workshopFqdnStep,
  workshopIngressPair,
} from './workshop';
export type {
  DotEnvEntry, DotEnvProblem, EditionDefinition, FleetChartProps, IdentityChartProps, MemberClusterOptions, MemberClusterSynthesis,
  MeshChartProps, NetworkingChartProps, NetworkingExtrasProps, ObservabilityChartProps, ParseDotEnvOptions, RabbitmqEgress,
  ReadSettingsOptions, SectionClaims, SectionContext, SecureStoreChartProps, SettingDefinition, SkippedSection, StorageChartProps,
  StoreChartProps, StoreFrontIngress, StoreNetworkPoliciesProps, StorePolicyOptions, SynthesizeWorkshopOptions,
  WorkshopCluster, WorkshopEdition, WorkshopOutput, WorkshopSection, WorkshopSettingName, WorkshopSettings, WorkshopStep,
  WorkshopSynthesis,
} from './workshop';
export { runAsProcess, runCli } from './cli/run';
export { ConnectivityClaimsValidation } from './plugin/connectivity-claims-validation';
export type { ConnectivityClaimsProperties } from './plugin/connectivity-claims-validation';
export { ManifestSchemaValidation } from './plugin/manifest-schema-validation';
export type { ValidationPluginContext } from './plugin/manifest-schema-validation';

// Modules the area indexes do not list.
export type { AppliedSummary } from './analysis/model/manifest-set';
export type { Labels } from './analysis/model/field-reader';
export type { ReadLimits, ReadOptions } from './analysis/read';
export { parseManifestYaml } from './analysis/read';
export type { CommandIo } from './cli/io';
export { KEY_VAULT_MOUNT_PATH, KeyVaultSecretSync, SECRETS_STORE_CSI_DRIVER } from './core/key-vault-secrets';
export type { KeyVaultSecretSyncProps, KeyVaultSource, SecretsStoreVolume, SecretsStoreVolumeMount, WorkloadCredentials } from './core/key-vault-secrets';
export type { ProbeTiming } from './core/hardening';
export { DefaultDenyPolicy } from './networking/default-deny-policy';
export type { DefaultDenyPolicyProps } from './networking/default-deny-policy';
export { describeUnheldSecret, unheldSecrets } from './workshop/secret-warnings';
export type { UnheldSecret } from './workshop/secret-warnings';

// The imported CRD classes, by API group.
export * as cilium from './crds/cilium';
export * as istioNetworking from '../imports/istio-networking.istio.io';
export * as istioSecurity from '../imports/istio-security.istio.io';
export * as fleetPlacement from './crds/fleet-placement';
export * as fleetCluster from '../imports/membercluster-cluster.kubernetes-fleet.io';
export * as azmonitoring from './crds/azmonitoring';
export * as secretsStore from '../imports/spc-secrets-store.csi.x-k8s.io';
