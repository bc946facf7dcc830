// Written by hand: Azure Container Storage (1.x) publishes no CRD for StoragePool. The types
// follow the 15 published examples (../shared/crds/storagepool-examples.yaml); the JSON schema
// beside this file encodes the same field set for validation.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { STORAGE_POOL_SCHEMA } from './storage-pool-schema';
import { AzureDiskSku, EphemeralDiskType } from './storage-pool-values';
import { registerManifestSchema } from '../core/schema/manifest-validation';

/** A pre-provisioned managed disk. */
export interface StoragePoolDiskReference {
  /** Resource ID of the managed disk. */
  readonly reference: string;
}

/** Customer-managed key for an `azureDisk` pool. */
export interface StoragePoolEncryption {
  /** Key name in the vault. */
  readonly keyName: string;
  /** Key version. */
  readonly keyVersion: string;
  /** Vault URI, `https://<vault>.vault.azure.net`. */
  readonly keyVaultUri: string;
  /** Resource ID of the user-assigned identity that reads the key. */
  readonly identity: string;
}

/** A pool of Azure managed disks. */
export interface StoragePoolAzureDisk {
  /**
   * Disk SKU.
   * @default 'Premium_LRS'
   */
  readonly skuName?: AzureDiskSku;
  /**
   * Provisioned IOPS (UltraSSD_LRS and PremiumV2_LRS only).
   * @default - the SKU's default
   */
  readonly iopsReadWrite?: number;
  /**
   * Provisioned throughput in MB/s (UltraSSD_LRS and PremiumV2_LRS only).
   * @default - the SKU's default
   */
  readonly mbpsReadWrite?: number;
  /**
   * Pre-provisioned disks; then no SKU or size is given.
   * @default - disks are created for the pool
   */
  readonly disks?: StoragePoolDiskReference[];
  /**
   * Customer-managed key.
   * @default - platform-managed keys
   */
  readonly encryption?: StoragePoolEncryption;
}

/** A pool of the nodes' local disks. */
export interface StoragePoolEphemeralDisk {
  /**
   * Which local disks.
   * @default 'nvme'
   */
  readonly diskType?: EphemeralDiskType;
  /**
   * Copies of each volume across nodes (3 or 5; NVMe only).
   * @default - one copy, no replication
   */
  readonly replicas?: number;
  /**
   * Keep a replica on the node that runs the pod (multi-replica NVMe).
   * @default false
   */
  readonly hyperconverged?: boolean;
}

/** An Azure Elastic SAN pool (preview); it has no settings. */
export type StoragePoolElasticSan = Record<string, never>;

/** Exactly one kind of pool. */
export interface StoragePoolSpecPoolType {
  /**
   * Azure managed disks.
   * @default - not this kind
   */
  readonly azureDisk?: StoragePoolAzureDisk;
  /**
   * Local NVMe or temp disks.
   * @default - not this kind
   */
  readonly ephemeralDisk?: StoragePoolEphemeralDisk;
  /**
   * Azure Elastic SAN.
   * @default - not this kind
   */
  readonly elasticSan?: StoragePoolElasticSan;
}

/** Storage amounts. */
export interface StoragePoolStorage {
  /**
   * Capacity, a Kubernetes quantity such as `1Ti`.
   * @default - none
   */
  readonly storage?: string;
}

/** The pool's capacity. */
export interface StoragePoolResources {
  /**
   * Requested capacity (azureDisk and elasticSan pools); raise it to grow the pool.
   * @default - none
   */
  readonly requests?: StoragePoolStorage;
}

/** `spec` of a StoragePool. */
export interface StoragePoolSpec {
  /** The kind of pool. */
  readonly poolType: StoragePoolSpecPoolType;
  /**
   * Availability zones (`"1"`, `"2"`, `"3"`) the pool spreads over.
   * @default - no zone preference
   */
  readonly zones?: string[];
  /**
   * Capacity.
   * @default - none (ephemeral pools use the local disks)
   */
  readonly resources?: StoragePoolResources;
}

/** Props of {@link StoragePool}. */
export interface StoragePoolProps {
  /** Object metadata (name and namespace `acstor`). */
  readonly metadata: ApiObjectMetadata;
  /** The pool. */
  readonly spec: StoragePoolSpec;
}

/**
 * An Azure Container Storage pool (`containerstorage.azure.com/v1` StoragePool). Azure
 * Container Storage creates the StorageClass `acstor-<name>` for it.
 */
export class StoragePool extends ApiObject {
  /** The apiVersion and kind of StoragePool. */
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'containerstorage.azure.com/v1',
    kind: 'StoragePool',
  };

  /** Renders a StoragePool manifest without creating a construct. */
  public static manifest(props: StoragePoolProps): any {
    return { ...StoragePool.GVK, metadata: props.metadata, spec: props.spec };
  }

  constructor(scope: Construct, id: string, props: StoragePoolProps) {
    super(scope, id, { ...StoragePool.GVK, ...props });
  }
}

registerManifestSchema(StoragePool.GVK.apiVersion, StoragePool.GVK.kind, STORAGE_POOL_SCHEMA);
