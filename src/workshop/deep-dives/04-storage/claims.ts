import { Claim } from '../../../analysis/claims';
import { allowed, servicePort } from '../../claim-builders';

/** "Advanced Storage Concepts": the MySQL client reaches the primary and the read Service. */
export const STORAGE_CLAIMS: readonly Claim[] = [
  allowed('mysql-client-reaches-primary', 'kubectl run mysql-client ... mysql -h mysql-0.mysql (Deploy a MySQL server)',
    { namespace: 'default', labels: { run: 'mysql-client' } }, servicePort('default', 'mysql', 3306, 'mysql-0.mysql')),
  allowed('mysql-client-reaches-readers', 'kubectl run mysql-client ... mysql -h mysql-read (Deploy a MySQL server)',
    { namespace: 'default', labels: { run: 'mysql-client' } }, servicePort('default', 'mysql-read', 3306)),
];
