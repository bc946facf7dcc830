import { Construct } from 'constructs';
import {
  AzureDiskSku,
  EphemeralDiskType,
  StoragePool,
  StoragePoolAzureDisk,
  StoragePoolSpecPoolType,
} from './containerstorage.azure.com';
import { InvalidPropError, isDns1123Subdomain, requireDns1123Label, requireDns1123Subdomain, requireOneOf, requireQuantity } from '../core/validation';

/** Something that names a StorageClass volumes can be provisioned from. */
export interface IStorageClass {
  /** The StorageClass name. */
  readonly storageClassName: string;
}

/** Options of an `ephemeralDisk` pool. */
export interface EphemeralDiskOptions {
  /**
   * Which local disks: NVMe (L-series VMs) or the temp SSD.
   * @default 'nvme'
   */
  readonly diskType?: EphemeralDiskType;
  /**
   * Copies of each volume on different nodes: 3 or 5 (NVMe only).
   * @default - no replication
   */
  readonly replicas?: number;
  /**
   * Keep one replica on the pod's node (replicated NVMe only).
   * @default - not set (false)
   */
  readonly hyperconverged?: boolean;
}

const SKUS: readonly AzureDiskSku[] = ['Premium_LRS', 'Standard_LRS', 'StandardSSD_LRS', 'UltraSSD_LRS', 'Premium_ZRS', 'PremiumV2_LRS', 'StandardSSD_ZRS'];
const PERFORMANCE_SKUS: readonly AzureDiskSku[] = ['UltraSSD_LRS', 'PremiumV2_LRS'];
const REPLICA_COUNTS = [3, 5];

/** The kind of storage pool. */
export class PoolType {
  /** Local NVMe or temp disks of the pool's nodes (the workshop: NVMe with 3 replicas). */
  public static ephemeralDisk(options: EphemeralDiskOptions = {}): PoolType {
    return new PoolType('ephemeralDisk', options);
  }

  /** Azure managed disks. */
  public static azureDisk(options: StoragePoolAzureDisk = {}): PoolType {
    return new PoolType('azureDisk', options);
  }

  /** Azure Elastic SAN (preview). */
  public static elasticSan(): PoolType {
    return new PoolType('elasticSan', {});
  }

  private constructor(
    /** The `poolType` key. */
    public readonly kind: 'ephemeralDisk' | 'azureDisk' | 'elasticSan',
    /** Its settings. */
    public readonly options: EphemeralDiskOptions | StoragePoolAzureDisk,
  ) {}
}

/** Props of {@link AcstorStoragePool}. */
export interface AcstorStoragePoolProps {
  /** The pool's name; its StorageClass is `acstor-<name>`. */
  readonly name: string;
  /** The kind of pool and its settings. */
  readonly poolType: PoolType;
  /**
   * The namespace Azure Container Storage watches for pools.
   * @default 'acstor'
   */
  readonly namespace?: string;
  /**
   * Capacity (`1Ti`); required for azureDisk pools without pre-provisioned disks and for
   * elasticSan pools, not allowed for ephemeralDisk pools.
   * @default - none
   */
  readonly storage?: string;
  /**
   * Availability zones to spread the pool over (`'1'`, `'2'`, `'3'`).
   * @default - no zone preference
   */
  readonly zones?: readonly string[];
}

/**
 * An Azure Container Storage (1.x) StoragePool. The workshop's pool is
 * `{ name: 'ephemeraldisk-nvme', poolType: PoolType.ephemeralDisk({ diskType: 'nvme', replicas: 3 }) }`:
 * replicated local NVMe, which survives the loss of a node. Azure Container Storage creates
 * the StorageClass {@link storageClassName} for it.
 */
export class AcstorStoragePool extends Construct implements IStorageClass {
  /** The pool's name. */
  public readonly name: string;
  /** The pool's namespace. */
  public readonly namespace: string;
  /** The StorageClass Azure Container Storage creates for the pool: `acstor-<name>`. */
  public readonly storageClassName: string;
  /** The generated StoragePool object. */
  public readonly resource: StoragePool;

  constructor(scope: Construct, id: string, props: AcstorStoragePoolProps) {
    super(scope, id);
    this.name = requireDns1123Subdomain(this, 'name', props.name);
    this.storageClassName = `acstor-${this.name}`;
    if (!isDns1123Subdomain(this.storageClassName)) {
      throw new InvalidPropError(this, 'name', props.name, `must leave room for the 'acstor-' prefix: the StorageClass name '${this.storageClassName}' must be a DNS-1123 subdomain (at most 253 characters)`);
    }
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'acstor');
    const poolType = this.renderPoolType(props.poolType, props.storage);
    this.resource = new StoragePool(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        zones: props.zones === undefined ? undefined : props.zones.map((zone, i) => requireOneOf(this, `zones[${i}]`, zone, ['1', '2', '3'])),
        poolType,
        resources: props.storage === undefined ? undefined : { requests: { storage: requireQuantity(this, 'storage', props.storage) } },
      },
    });
  }

  private renderPoolType(poolType: PoolType, storage: string | undefined): StoragePoolSpecPoolType {
    if (!(poolType instanceof PoolType)) {
      throw new InvalidPropError(this, 'poolType', poolType, 'must be PoolType.ephemeralDisk(), PoolType.azureDisk() or PoolType.elasticSan()');
    }
    switch (poolType.kind) {
      case 'ephemeralDisk': return { ephemeralDisk: this.renderEphemeralDisk(poolType.options as EphemeralDiskOptions, storage) };
      case 'azureDisk': return { azureDisk: this.renderAzureDisk(poolType.options as StoragePoolAzureDisk, storage) };
      case 'elasticSan':
        if (storage === undefined) throw new InvalidPropError(this, 'storage', storage, 'is required for an elasticSan pool (e.g. \'1Ti\')');
        return { elasticSan: {} };
      default:
        throw new InvalidPropError(this, 'poolType', (poolType as PoolType).kind, 'must be one of ephemeralDisk, azureDisk, elasticSan');
    }
  }

  private renderEphemeralDisk(options: EphemeralDiskOptions, storage: string | undefined) {
    if (storage !== undefined) {
      throw new InvalidPropError(this, 'storage', storage, 'must be left out for an ephemeralDisk pool: it uses the nodes\' local disks');
    }
    const diskType = requireOneOf(this, 'poolType.diskType', options.diskType ?? 'nvme', ['nvme', 'temp'] as const);
    if (options.replicas !== undefined && !REPLICA_COUNTS.includes(options.replicas)) {
      throw new InvalidPropError(this, 'poolType.replicas', options.replicas, 'must be 3 or 5 (leave it out for no replication)');
    }
    if (diskType === 'temp' && (options.replicas !== undefined || options.hyperconverged !== undefined)) {
      throw new InvalidPropError(this, 'poolType.replicas', options.replicas ?? options.hyperconverged, "must be left out for diskType 'temp': only NVMe pools replicate");
    }
    if (options.hyperconverged !== undefined && options.replicas === undefined) {
      throw new InvalidPropError(this, 'poolType.hyperconverged', options.hyperconverged, 'needs replicas (3 or 5): a single-replica pool is always hyperconverged');
    }
    return { diskType, replicas: options.replicas, hyperconverged: options.hyperconverged };
  }

  private renderAzureDisk(options: StoragePoolAzureDisk, storage: string | undefined): StoragePoolAzureDisk {
    const sku = options.skuName === undefined ? undefined : requireOneOf(this, 'poolType.skuName', options.skuName, SKUS);
    const performance = options.iopsReadWrite !== undefined || options.mbpsReadWrite !== undefined;
    if (performance && !(sku && PERFORMANCE_SKUS.includes(sku))) {
      throw new InvalidPropError(this, 'poolType.skuName', sku, `must be ${PERFORMANCE_SKUS.join(' or ')} to set iopsReadWrite or mbpsReadWrite`);
    }
    if (options.disks !== undefined) {
      if (options.disks.length === 0) throw new InvalidPropError(this, 'poolType.disks', [], 'must list at least one disk');
      if (sku !== undefined || storage !== undefined) {
        throw new InvalidPropError(this, 'poolType.disks', options.disks.length, 'must not be combined with skuName or storage: pre-provisioned disks set both');
      }
    } else if (storage === undefined) {
      throw new InvalidPropError(this, 'storage', storage, 'is required for an azureDisk pool without pre-provisioned disks (e.g. \'1Ti\')');
    }
    return { ...options, skuName: sku };
  }
}

/** A StorageClass known by name (created outside this app, e.g. AKS's `managed-csi`). */
export class StorageClassRef implements IStorageClass {
  /** Refers to an existing StorageClass. */
  public static named(storageClassName: string): StorageClassRef {
    return new StorageClassRef(storageClassName);
  }

  private constructor(
    /** The StorageClass name. */
    public readonly storageClassName: string,
  ) {}
}
