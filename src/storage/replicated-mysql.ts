import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { AcstorStoragePool, IStorageClass } from './acstor-storage-pool';
import { cloneMysqlScript, initMysqlScript, xtrabackupScript } from './mysql-scripts';
import { InvalidPropError, requireDns1123Label, requireDns1123Subdomain, requireNonNegativeInteger, requireQuantity, requireToken } from '../core/validation';
import { Workload } from '../core/workload';

/** Images of the replicated MySQL. */
export interface MysqlImages {
  /**
   * MySQL server (also runs init-mysql).
   * @default 'mysql:5.7'
   */
  readonly mysql?: string;
  /**
   * Percona XtraBackup (clone-mysql and the xtrabackup sidecar).
   * @default 'gcr.io/google-samples/xtrabackup:1.0'
   */
  readonly xtrabackup?: string;
}

/** Props of {@link ReplicatedMysql} and its parts. */
export interface ReplicatedMysqlProps {
  /**
   * Name of the StatefulSet, ConfigMap and headless Service (pods are `<name>-0`, ...).
   * @default 'mysql'
   */
  readonly name?: string;
  /**
   * Namespace.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Pods: one primary (`<name>-0`) and read replicas.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Size of each pod's data volume.
   * @default '10Gi'
   */
  readonly storageSize?: string;
  /**
   * Where the data volumes come from: an {@link AcstorStoragePool} (its `acstor-<name>` class)
   * or `StorageClassRef.named(...)`.
   * @default - no storageClassName: the cluster's default class
   */
  readonly storageClass?: IStorageClass;
  /**
   * Annotate the volume claims `acstor.azure.com/accept-ephemeral-storage: "true"`, which
   * Azure Container Storage requires for volumes on ephemeral disks.
   * @default true
   */
  readonly acceptEphemeralStorage?: boolean;
  /**
   * Images.
   * @default - mysql:5.7 and gcr.io/google-samples/xtrabackup:1.0
   */
  readonly images?: MysqlImages;
}

const MYSQL_PORT = 3306;
const XTRABACKUP_PORT = 3307;

/** The names every part of the MySQL app derives from its props. */
interface MysqlNames {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

function mysqlNames(scope: Construct, props: ReplicatedMysqlProps): MysqlNames {
  const name = requireDns1123Label(scope, 'name', props.name ?? 'mysql');
  const namespace = requireDns1123Label(scope, 'namespace', props.namespace ?? 'default');
  return { name, namespace, labels: { 'app': name, 'app.kubernetes.io/name': name } };
}

/** The MySQL ConfigMap (primary/replica config), headless Service `<name>` and read Service `<name>-read`. */
export class MysqlConfigAndServices extends Construct {
  constructor(scope: Construct, id: string, props: ReplicatedMysqlProps = {}) {
    super(scope, id);
    const { name, namespace, labels } = mysqlNames(this, props);
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name, namespace, labels },
      data: {
        'primary.cnf': '# Apply this config only on the primary.\n[mysqld]\nlog-bin\n',
        'replica.cnf': '# Apply this config only on replicas.\n[mysqld]\nsuper-read-only\n',
      },
    });
    const ports = [{ name: 'mysql', port: MYSQL_PORT }];
    new k8s.KubeService(this, 'headless', {
      metadata: { name, namespace, labels },
      spec: { ports, clusterIp: 'None', selector: { app: name } },
    });
    new k8s.KubeService(this, 'read', {
      metadata: { name: `${name}-read`, namespace, labels: { ...labels, readonly: 'true' } },
      spec: { ports, selector: { app: name } },
    });
  }
}

/** The MySQL StatefulSet: a primary and replicas that clone and replicate from it with XtraBackup. */
export class MysqlStatefulSet extends Construct {
  constructor(scope: Construct, id: string, props: ReplicatedMysqlProps = {}) {
    super(scope, id);
    const { name, namespace, labels } = mysqlNames(this, props);
    const replicas = requireNonNegativeInteger(this, 'replicas', props.replicas ?? 1);
    const storageSize = requireQuantity(this, 'storageSize', props.storageSize ?? '10Gi');
    const mysqlImage = requireToken(this, 'images.mysql', props.images?.mysql ?? 'mysql:5.7');
    const xtrabackupImage = requireToken(this, 'images.xtrabackup', props.images?.xtrabackup ?? 'gcr.io/google-samples/xtrabackup:1.0');
    const storageClassName = this.storageClassName(props.storageClass);
    const dataMount = { name: 'data', mountPath: '/var/lib/mysql', subPath: 'mysql' };
    const confMount = { name: 'conf', mountPath: '/etc/mysql/conf.d' };
    const exec = (...command: string[]): k8s.ExecAction => ({ command });

    new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: labels },
        serviceName: name,
        replicas,
        template: {
          metadata: { labels },
          spec: {
            initContainers: [
              {
                name: 'init-mysql',
                image: mysqlImage,
                command: ['bash', '-c', initMysqlScript()],
                volumeMounts: [{ name: 'conf', mountPath: '/mnt/conf.d' }, { name: 'config-map', mountPath: '/mnt/config-map' }],
              },
              {
                name: 'clone-mysql',
                image: xtrabackupImage,
                command: ['bash', '-c', cloneMysqlScript(name, name)],
                volumeMounts: [dataMount, confMount],
              },
            ],
            containers: [
              {
                name: 'mysql',
                image: mysqlImage,
                env: [{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' }],
                ports: [{ name: 'mysql', containerPort: MYSQL_PORT }],
                volumeMounts: [dataMount, confMount],
                resources: { requests: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('1Gi') } },
                livenessProbe: { exec: exec('mysqladmin', 'ping'), initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
                readinessProbe: { exec: exec('mysql', '-h', '127.0.0.1', '-e', 'SELECT 1'), initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 1 },
              },
              {
                name: 'xtrabackup',
                image: xtrabackupImage,
                ports: [{ name: 'xtrabackup', containerPort: XTRABACKUP_PORT }],
                command: ['bash', '-c', xtrabackupScript(name, name)],
                volumeMounts: [dataMount, confMount],
                resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('100Mi') } },
              },
            ],
            volumes: [
              { name: 'conf', emptyDir: {} },
              { name: 'config-map', configMap: { name } },
            ],
          },
        },
        volumeClaimTemplates: [{
          metadata: {
            name: 'data',
            annotations: (props.acceptEphemeralStorage ?? true) ? { 'acstor.azure.com/accept-ephemeral-storage': 'true' } : undefined,
          },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName,
            resources: { requests: { storage: k8s.Quantity.fromString(storageSize) } },
          },
        }],
      },
    });
  }

  private storageClassName(storageClass: IStorageClass | undefined): string | undefined {
    if (storageClass === undefined) return undefined;
    const name = requireDns1123Subdomain(this, 'storageClass', storageClass?.storageClassName);
    if (!(storageClass instanceof AcstorStoragePool) && name.startsWith('acstor-')) {
      this.node.addValidation({ validate: () => this.missingPoolErrors(name) });
    }
    return name;
  }

  /** An `acstor-<pool>` class named by string must come from a pool in the same chart. */
  private missingPoolErrors(storageClassName: string): string[] {
    const chart = Chart.of(this);
    const found = chart.node.findAll().some((c) => c instanceof AcstorStoragePool && c.storageClassName === storageClassName);
    return found ? [] : [
      `StorageClass '${storageClassName}' is created by StoragePool '${storageClassName.slice('acstor-'.length)}', which chart '${chart.node.id}' does not define: `
      + 'pass the AcstorStoragePool itself as storageClass, or add it to the chart',
    ];
  }
}

/**
 * A replicated MySQL (the Kubernetes tutorial's, as the workshop runs it on Azure Container
 * Storage): ConfigMap, headless Service `<name>` (so `<name>-0.<name>` resolves), read Service
 * `<name>-read` and the StatefulSet with XtraBackup cloning. Its volumes come from the given
 * storage class, e.g. the workshop's replicated NVMe pool.
 */
export class ReplicatedMysql extends Construct {
  /** MySQL as a workload (port 3306 on the headless Service). */
  public readonly workload: Workload;
  /** DNS name of the primary, `<name>-0.<name>` (writes go there). */
  public readonly primaryHost: string;
  /** Name of the Service that spreads reads over all pods. */
  public readonly readServiceName: string;

  constructor(scope: Construct, id: string, props: ReplicatedMysqlProps = {}) {
    super(scope, id);
    const { name, namespace, labels } = mysqlNames(this, props);
    if (props.storageClass !== undefined && typeof props.storageClass !== 'object') {
      throw new InvalidPropError(this, 'storageClass', props.storageClass, 'must be an AcstorStoragePool or StorageClassRef.named(...)');
    }
    new MysqlConfigAndServices(this, 'config-services', props);
    new MysqlStatefulSet(this, 'statefulset', props);
    this.workload = { name, namespace, podLabels: labels, ports: [{ name: 'mysql', containerPort: MYSQL_PORT, servicePort: MYSQL_PORT, protocol: 'TCP' }] };
    this.primaryHost = `${name}-0.${name}`;
    this.readServiceName = `${name}-read`;
  }
}
