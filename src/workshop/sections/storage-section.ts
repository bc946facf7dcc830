import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AcstorStoragePool, PoolType } from '../../storage/acstor-storage-pool';
import { MysqlConfigAndServices, MysqlStatefulSet, ReplicatedMysql, ReplicatedMysqlProps } from '../../storage/replicated-mysql';
import { STORAGE_CLAIMS } from '../claims/deep-dives-claims';
import { WorkshopSection } from '../section';
import { mysqlRootPassword } from '../settings/credential-settings';

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
   * The profile of MySQL, unless `mysql.profile` says otherwise.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

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
  }
}

function workshopPool(scope: Construct, props: StorageChartProps = {}): AcstorStoragePool {
  return new AcstorStoragePool(scope, 'pool', {
    name: props.poolName ?? 'ephemeraldisk-nvme',
    poolType: PoolType.ephemeralDisk({ diskType: 'nvme', replicas: props.poolReplicas ?? 3 }),
  });
}

const WORKSHOP_POOL = 'ephemeraldisk-nvme';

/** "Advanced Storage Concepts": the StoragePool, then MySQL's config and services, then its StatefulSet. */
export const STORAGE_SECTION: WorkshopSection = {
  id: '04-storage',
  title: 'Advanced Storage Concepts',
  build: (scope, id, { settings, profile }) => new StorageChart(scope, id, {
    poolName: WORKSHOP_POOL,
    profile,
    mysql: { rootPassword: mysqlRootPassword(settings, profile) },
  }),
  steps: [
    { id: 'step1-storage-pool', title: 'Create a replicated ephemeral storage pool', build: (chart) => workshopPool(chart, { poolName: WORKSHOP_POOL }) },
    { id: 'step2-mysql-config-services', title: 'Deploy a MySQL server (config and services)', build: (chart) => new MysqlConfigAndServices(chart, 'mysql') },
    {
      id: 'step3-mysql-statefulset',
      title: 'Deploy a MySQL server (StatefulSet)',
      build: (chart, { settings, profile }) => new MysqlStatefulSet(chart, 'mysql', {
        storageClass: AcstorStoragePool.fromPoolName(WORKSHOP_POOL), profile, rootPassword: mysqlRootPassword(settings, profile),
      }),
    },
  ],
  claims: { endState: STORAGE_CLAIMS },
};
