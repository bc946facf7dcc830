import { Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { StoragePool, StoragePoolAzureDisk, StoragePoolDiskReference, StoragePoolEncryption, StoragePoolSpecPoolType } from './containerstorage.azure.com';
import { AZURE_DISK_SKUS, EPHEMERAL_DISK_REPLICAS, EPHEMERAL_DISK_TYPES, EphemeralDiskType, PERFORMANCE_DISK_SKUS, POOL_ZONES } from './storage-pool-values';
import { InvalidPropError } from '../core/invalid-prop-error';
import { namespaceFor } from '../core/namespace-ref';
import { sizeQuantity } from '../core/quantities';
import {
  isDns1123Subdomain,
  isKeyVaultUrl,
  KnownKeys,
  requireBoolean,
  requireDns1123Subdomain,
  requireIntegerInRange,
  requireKnownKeys,
  requireOneOf,
  requireProps,
} from '../core/validation';

const RESOURCE_GROUP_PREFIX = '^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w._()]{1,90}/providers/';
const MANAGED_DISK_ID = new RegExp(`${RESOURCE_GROUP_PREFIX}Microsoft\\.Compute/disks/[-\\w.]{1,80}$`, 'i');
const USER_ASSIGNED_IDENTITY_ID = new RegExp(`${RESOURCE_GROUP_PREFIX}Microsoft\\.ManagedIdentity/userAssignedIdentities/[-\\w]{3,128}$`, 'i');

/** Something that names a StorageClass volumes can be provisioned from. */
export interface IStorageClass {
  /** The StorageClass name. */
  readonly storageClassName: string;
  /**
   * The construct that makes the StorageClass exist, where this app defines it.
   * @default - the StorageClass is created elsewhere
   */
  readonly definedBy?: IConstruct;
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
   * @default - the chart's `namespace`, else 'acstor'
   */
  readonly namespace?: string;
  /**
   * Capacity (`Size.tebibytes(1)`); required for azureDisk pools without pre-provisioned disks
   * and for elasticSan pools, not allowed for ephemeralDisk pools.
   * @default - none
   */
  readonly storage?: Size;
  /**
   * Availability zones to spread the pool over (`'1'`, `'2'`, `'3'`).
   * @default - no zone preference
   */
  readonly zones?: readonly string[];
}

const ACSTOR_STORAGE_POOL_PROPS: KnownKeys<AcstorStoragePoolProps> = { name: true, poolType: true, namespace: true, storage: true, zones: true };
const EPHEMERAL_DISK_OPTIONS: KnownKeys<EphemeralDiskOptions> = { diskType: true, replicas: true, hyperconverged: true };
const AZURE_DISK_OPTIONS: KnownKeys<StoragePoolAzureDisk> = {
  skuName: true, iopsReadWrite: true, mbpsReadWrite: true, disks: true, encryption: true,
};
const DISK_REFERENCE_KEYS: KnownKeys<StoragePoolDiskReference> = { reference: true };
const ENCRYPTION_KEYS: KnownKeys<StoragePoolEncryption> = { keyName: true, keyVersion: true, keyVaultUri: true, identity: true };

/**
 * An Azure Container Storage (1.x) StoragePool. The workshop's pool is
 * `{ name: 'ephemeraldisk-nvme', poolType: PoolType.ephemeralDisk({ diskType: 'nvme', replicas: 3 }) }`:
 * replicated local NVMe, which survives the loss of a node. Azure Container Storage creates
 * the StorageClass `storageClassName` for it.
 */
export class AcstorStoragePool extends Construct implements IStorageClass {
  /**
   * The StorageClass of a pool created elsewhere (by another bundle, or by
   * `az aks update --enable-azure-container-storage`): `acstor-<poolName>`.
   */
  public static fromPoolName(poolName: string): IStorageClass {
    if (!isDns1123Subdomain(poolName) || !isDns1123Subdomain(`acstor-${poolName}`)) {
      throw new Error(`invalid pool name ${JSON.stringify(poolName)}: must be a DNS-1123 subdomain that leaves room for the 'acstor-' prefix`);
    }
    return StorageClassRef.named(`acstor-${poolName}`);
  }

  /** The pool's name. */
  public readonly name: string;
  /** The pool's namespace. */
  public readonly namespace: string;
  /** The StorageClass Azure Container Storage creates for the pool: `acstor-<name>`. */
  public readonly storageClassName: string;
  /** The generated StoragePool object. */
  public readonly resource: StoragePool;
  /** This construct: the pool makes its StorageClass exist. */
  public readonly definedBy = this;


  constructor(scope: Construct, id: string, props: AcstorStoragePoolProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'ephemeraldisk-nvme', poolType: PoolType.ephemeralDisk({ replicas: 3 }) }", ACSTOR_STORAGE_POOL_PROPS);
    this.name = requireDns1123Subdomain(this, 'name', props.name);
    this.storageClassName = `acstor-${this.name}`;
    if (!isDns1123Subdomain(this.storageClassName)) {
      throw new InvalidPropError(this, 'name', props.name, `must leave room for the 'acstor-' prefix: the StorageClass name '${this.storageClassName}' must be a DNS-1123 subdomain (at most 253 characters)`);
    }
    this.namespace = namespaceFor(this, props.namespace, 'acstor');
    const poolType = this.renderPoolType(props.poolType, props.storage);
    this.resource = new StoragePool(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        zones: props.zones === undefined ? undefined : this.renderZones(props.zones),
        poolType,
        resources: props.storage === undefined ? undefined : { requests: { storage: sizeQuantity(this, 'storage', props.storage, { positive: true }) } },
      },
    });
  }

  private renderZones(zones: readonly string[]): string[] {
    if (!Array.isArray(zones) || zones.length === 0) throw new InvalidPropError(this, 'zones', zones, "must list at least one zone ('1', '2', '3'); leave it out for no preference");
    const rendered = zones.map((zone, i) => requireOneOf(this, `zones[${i}]`, zone, POOL_ZONES));
    if (new Set(rendered).size !== rendered.length) throw new InvalidPropError(this, 'zones', zones, 'must not name a zone twice');
    return rendered;
  }

  private renderPoolType(poolType: PoolType, storage: Size | undefined): StoragePoolSpecPoolType {
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

  private renderEphemeralDisk(options: EphemeralDiskOptions, storage: Size | undefined) {
    requireKnownKeys(this, 'poolType', options, EPHEMERAL_DISK_OPTIONS, 'an option of an ephemeralDisk pool');
    if (storage !== undefined) {
      throw new InvalidPropError(this, 'storage', storage, 'must be left out for an ephemeralDisk pool: it uses the nodes\' local disks');
    }
    const diskType = requireOneOf(this, 'poolType.diskType', options.diskType ?? 'nvme', EPHEMERAL_DISK_TYPES);
    if (options.hyperconverged !== undefined) requireBoolean(this, 'poolType.hyperconverged', options.hyperconverged);
    if (options.replicas !== undefined && !(EPHEMERAL_DISK_REPLICAS as readonly number[]).includes(options.replicas)) {
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

  private renderAzureDisk(options: StoragePoolAzureDisk, storage: Size | undefined): StoragePoolAzureDisk {
    requireKnownKeys(this, 'poolType', options, AZURE_DISK_OPTIONS, 'an option of an azureDisk pool');
    const sku = options.skuName === undefined ? undefined : requireOneOf(this, 'poolType.skuName', options.skuName, AZURE_DISK_SKUS);
    const performance = options.iopsReadWrite !== undefined || options.mbpsReadWrite !== undefined;
    if (performance && !(sku && PERFORMANCE_DISK_SKUS.includes(sku))) {
      throw new InvalidPropError(this, 'poolType.skuName', sku, `must be ${PERFORMANCE_DISK_SKUS.join(' or ')} to set iopsReadWrite or mbpsReadWrite`);
    }
    if (options.iopsReadWrite !== undefined) requireIntegerInRange(this, 'poolType.iopsReadWrite', options.iopsReadWrite, 1, 400_000);
    if (options.mbpsReadWrite !== undefined) requireIntegerInRange(this, 'poolType.mbpsReadWrite', options.mbpsReadWrite, 1, 10_000);
    if (options.disks !== undefined) {
      if (!Array.isArray(options.disks) || options.disks.length === 0) throw new InvalidPropError(this, 'poolType.disks', options.disks, 'must list at least one disk');
      if (sku !== undefined || storage !== undefined) {
        throw new InvalidPropError(this, 'poolType.disks', options.disks.length, 'must not be combined with skuName or storage: pre-provisioned disks set both');
      }
      options.disks.forEach((disk, i) => {
        if (disk !== null && typeof disk === 'object') requireKnownKeys(this, `poolType.disks[${i}]`, disk, DISK_REFERENCE_KEYS, 'a field of a disk');
        if (typeof disk?.reference !== 'string' || !MANAGED_DISK_ID.test(disk.reference)) {
          throw new InvalidPropError(this, `poolType.disks[${i}].reference`, disk?.reference,
            'must be a managed disk resource ID: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/disks/<name>');
        }
      });
    } else if (storage === undefined) {
      throw new InvalidPropError(this, 'storage', storage, 'is required for an azureDisk pool without pre-provisioned disks (e.g. Size.tebibytes(1))');
    }
    if (options.encryption !== undefined) this.checkEncryption(options.encryption);
    return { ...options, skuName: sku };
  }

  private checkEncryption(encryption: StoragePoolEncryption): void {
    const prop = 'poolType.encryption';
    if (encryption === null || typeof encryption !== 'object') throw new InvalidPropError(this, prop, encryption, 'must be { keyName, keyVersion, keyVaultUri, identity }');
    requireKnownKeys(this, prop, encryption, ENCRYPTION_KEYS, 'a field of the encryption settings');
    for (const key of ['keyName', 'keyVersion'] as const) {
      if (typeof encryption[key] !== 'string' || !/^[0-9a-zA-Z-]{1,127}$/.test(encryption[key])) {
        throw new InvalidPropError(this, `${prop}.${key}`, encryption[key], "must be 1 to 127 letters, digits or '-'");
      }
    }
    if (!isKeyVaultUrl(encryption.keyVaultUri)) throw new InvalidPropError(this, `${prop}.keyVaultUri`, encryption.keyVaultUri, 'must be https://<vault-name>.vault.azure.net');
    if (typeof encryption.identity !== 'string' || !USER_ASSIGNED_IDENTITY_ID.test(encryption.identity)) {
      throw new InvalidPropError(this, `${prop}.identity`, encryption.identity,
        'must be a user-assigned identity resource ID: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>');
    }
  }
}

/** A StorageClass known by name (created outside this app, e.g. AKS's `managed-csi`). */
export class StorageClassRef implements IStorageClass {
  /** Refers to an existing StorageClass. */
  public static named(storageClassName: string): IStorageClass {
    return new StorageClassRef(storageClassName);
  }

  private constructor(
    /** The StorageClass name. */
    public readonly storageClassName: string,
  ) {}
}
