import { STORAGE_CLAIMS } from './claims';
import { AcstorStoragePool } from '../../../storage/acstor-storage-pool';
import { MysqlConfigAndServices, MysqlStatefulSet } from '../../../storage/replicated-mysql';
import { StorageChart, WORKSHOP_MYSQL_CLIENT, workshopPool } from '../../charts/storage-chart';
import { addMysqlPolicy } from '../../hardened-policies';
import { WorkshopSection } from '../../section';
import { mysqlRootPassword } from '../../settings/credential-settings';

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
      build: (chart, { settings, profile }) => {
        const mysql = new MysqlStatefulSet(chart, 'mysql', {
          storageClass: AcstorStoragePool.fromPoolName(WORKSHOP_POOL), profile, rootPassword: mysqlRootPassword(settings, profile),
        });
        if (profile === 'hardened') addMysqlPolicy(chart, 'mysql-policy', mysql, [WORKSHOP_MYSQL_CLIENT]);
      },
    },
  ],
  claims: { endState: STORAGE_CLAIMS },
};
