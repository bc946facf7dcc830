import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AcstorStoragePool, PoolType } from '../../storage/acstor-storage-pool';
import { ReplicatedMysql, ReplicatedMysqlProps } from '../../storage/replicated-mysql';
import { addMysqlPolicy } from '../hardened-policies';

/** Props of {@link StorageChart}. */
export interface StorageChartProps extends ChartProps {
  /**
   * The pool's name; the StorageClass is `acstor-<name>`.
   * @default 'ephemeraldisk-nvme'
   */
  readonly poolName?: string;
  /**
   * Replicas of the NVMe pool (3 or 5).
   * @default 3
   */
  readonly poolReplicas?: number;
  /**
   * MySQL props; its storage class is the pool's.
   * @default - one replica, 10Gi, namespace `default`
   */
  readonly mysql?: Omit<ReplicatedMysqlProps, 'storageClass'>;
  /**
   * The profile of MySQL, unless `mysql.profile` says otherwise. In the hardened profile the
   * chart also holds MySQL's network policy (`allow-<name>-traffic`): in on 3306 from its peers
   * and `mysqlClients`, on 3307 from its peers; out only to its peers.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * In the hardened profile, the labels of the client pods MySQL's policy lets in on 3306
   * (each entry one set of labels; pods of MySQL's namespace).
   * @default - the workshop's client, `kubectl run mysql-client` (label `run: mysql-client`)
   */
  readonly mysqlClients?: readonly Readonly<Record<string, string>>[];
}

/** The client the workshop starts with `kubectl run mysql-client ...` in MySQL's namespace. */
export const WORKSHOP_MYSQL_CLIENT: Readonly<Record<string, string>> = { run: 'mysql-client' };

/** The workshop's storage section: a replicated ephemeral NVMe pool and MySQL on it. */
export class StorageChart extends Chart {
  /** The storage pool. */
  public readonly pool: AcstorStoragePool;
  /** MySQL. */
  public readonly mysql: ReplicatedMysql;

  constructor(scope: Construct, id: string, props: StorageChartProps = {}) {
    super(scope, id, props);
    this.pool = workshopPool(this, props);
    this.mysql = new ReplicatedMysql(this, 'mysql', { profile: props.profile, ...props.mysql, storageClass: this.pool });
    if ((props.mysql?.profile ?? props.profile) === 'hardened') addMysqlPolicy(this, 'mysql-policy', this.mysql, props.mysqlClients ?? [WORKSHOP_MYSQL_CLIENT]);
  }
}

/** @internal The workshop's replicated ephemeral NVMe pool, as the storage section and its first step create it. */
export function workshopPool(scope: Construct, props: StorageChartProps = {}): AcstorStoragePool {
  return new AcstorStoragePool(scope, 'pool', {
    name: props.poolName ?? 'ephemeraldisk-nvme',
    poolType: PoolType.ephemeralDisk({ diskType: 'nvme', replicas: props.poolReplicas ?? 3 }),
  });
}
