import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { IStorageClass } from './acstor-storage-pool';
import { cloneMysqlScript, initMysqlScript, listenerCheck, xtrabackupScript } from './mysql-scripts';
import { secretEnv } from '../core/credentials';
import { execProbe, requireRoomFor, workloadServiceAccount, WritableFolder, writableMounts, writableVolumes } from '../core/hardening';
import { InvalidPropError } from '../core/invalid-prop-error';
import { KeyVaultSecretSync, ResolvedCredentials, resolveCredentials, WorkloadCredentials } from '../core/key-vault-secrets';
import { namespaceFor } from '../core/namespace-ref';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity } from '../core/profile';
import { sizeQuantity } from '../core/quantities';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import {
  KnownKeys,
  requireBoolean,
  requireDns1123Subdomain,
  requireImage,
  requireIntegerInRange,
  requireKnownKeys,
  requireProps,
  requireServiceName,
} from '../core/validation';
import { IWorkloadRef, WorkloadPort } from '../core/workload-ref';

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
   * @default - the chart's `namespace`, else 'default'
   */
  readonly namespace?: string;
  /**
   * Pods: one primary (`<name>-0`) and read replicas.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Size of each pod's data volume.
   * @default Size.gibibytes(10)
   */
  readonly storageSize?: Size;
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
  /**
   * `workshop` writes the tutorial's StatefulSet (root without a password); `hardened` gives
   * MySQL's root a password from a Secret and runs all four containers under the `restricted`
   * Pod Security Standard as one user and group, 10010 (mysql:5.7's entrypoint runs mysqld as the
   * user it is started as; the data volume belongs to the group; every mysql client names
   * `-u root`, which it would otherwise take from the operating-system user), with read-only root
   * file systems (`readOnlyRootFilesystem`; mysqld writes `/var/run/mysqld`, `/tmp` and
   * `/var/lib/mysql-files`, XtraBackup `/tmp`, all size-limited `emptyDir`s), requests and limits
   * of CPU, memory and ephemeral storage, probes for the xtrabackup sidecar that read its
   * listener without connecting, and a ServiceAccount of its own (`<name>`) whose token is not mounted.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * In the hardened profile, the Secret with root's `password`. By default it is created outside
   * the bundle (`kubectl create secret generic mysql-root -n <namespace> --from-literal=password=...`);
   * with `keyVault` the SecretProviderClass `<name>-key-vault` syncs it from the Key Vault secret
   * `mysql-root-password` with the StatefulSet's ServiceAccount; with `values` (an explicit request)
   * the bundle holds it in plain text. It may not hold quotes, `$`, backquotes or backslashes: the
   * tutorial's scripts pass it through a shell.
   * @default - a Secret `mysql-root` created outside the bundle
   */
  readonly rootPassword?: WorkloadCredentials;
  /**
   * In the hardened profile, mount the containers' root file systems read-only, with `emptyDir`s
   * where MySQL and XtraBackup write. Worked out from mysql:5.7's Dockerfile and entrypoint and
   * XtraBackup's documentation; the `gcr.io/google-samples/xtrabackup:1.0` image's Dockerfile is
   * not published, so turn it off if an image writes elsewhere.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

/** The hardened profile's resources: the tutorial's requests, with limits. */
const REPLICATED_MYSQL_PROPS: KnownKeys<ReplicatedMysqlProps> = {
  name: true,
  namespace: true,
  replicas: true,
  storageSize: true,
  storageClass: true,
  acceptEphemeralStorage: true,
  images: true,
  profile: true,
  rootPassword: true,
  readOnlyRootFilesystem: true,
};
const MYSQL_IMAGES: KnownKeys<MysqlImages> = { mysql: true, xtrabackup: true };

type MysqlContainer = 'mysql' | 'xtrabackup' | 'init' | 'clone';

const HARDENED_RESOURCES: Record<MysqlContainer, IContainerResources> = {
  mysql: {
    cpu: { request: Cpu.millis(500), limit: Cpu.units(1) },
    memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    ephemeralStorage: { request: Size.mebibytes(256), limit: Size.mebibytes(1536) },
  },
  xtrabackup: {
    cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) },
    memory: { request: Size.mebibytes(100), limit: Size.mebibytes(512) },
    ephemeralStorage: { request: Size.mebibytes(128), limit: Size.mebibytes(1280) },
  },
  init: {
    cpu: { request: Cpu.millis(10), limit: Cpu.millis(100) },
    memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
    ephemeralStorage: { request: Size.mebibytes(8), limit: Size.mebibytes(64) },
  },
  clone: {
    cpu: { request: Cpu.millis(100), limit: Cpu.units(1) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
    ephemeralStorage: { request: Size.mebibytes(128), limit: Size.mebibytes(1280) },
  },
};

/**
 * The folders each container writes outside its data volume, as `emptyDir`s under a read-only
 * root file system: mysqld's socket, lock and pid (`/var/run/mysqld`), its temporary tables and
 * the entrypoint's here-documents (`/tmp`), and `secure_file_priv` (`/var/lib/mysql-files`,
 * which the entrypoint creates when missing); XtraBackup's temporary copy of the redo log while
 * it streams a backup, and while it prepares a clone (`/tmp`, shared by the two containers that
 * run it, never at the same time). init-mysql writes only the `conf` volume.
 */
const WRITABLE_FOLDERS: Record<MysqlContainer, readonly WritableFolder[]> = {
  mysql: [
    { name: 'mysql-run', mountPath: '/var/run/mysqld', sizeLimit: Size.mebibytes(16) },
    { name: 'mysql-tmp', mountPath: '/tmp', sizeLimit: Size.gibibytes(1) },
    { name: 'mysql-files', mountPath: '/var/lib/mysql-files', sizeLimit: Size.mebibytes(16) },
  ],
  xtrabackup: [{ name: 'xtrabackup-tmp', mountPath: '/tmp', sizeLimit: Size.gibibytes(1) }],
  clone: [{ name: 'xtrabackup-tmp', mountPath: '/tmp', sizeLimit: Size.gibibytes(1) }],
  init: [],
};
/** The `conf` volume holds two small files. */
const CONF_SIZE_LIMIT = '1Mi';
/** The hardened profile's user and group of all four containers (they share the data volume and its files). */
const HARDENED_USER = 10010;
/** The Key Vault secret root's password is read from, by default. */
const ROOT_PASSWORD_KEY_VAULT_SECRET = 'mysql-root-password';
const PASSWORD_ENV = 'MYSQL_PWD';

const MYSQL_PORT = 3306;
/** The port both MySQL workload references expose. */
const MYSQL_WORKLOAD_PORTS: readonly WorkloadPort[] = [{ name: 'mysql', containerPort: MYSQL_PORT, servicePort: MYSQL_PORT, protocol: 'TCP' }];
const XTRABACKUP_PORT = 3307;

/** The names every part of the MySQL app derives from its props. */
interface MysqlNames {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** The StatefulSet controller labels pods `controller-revision-hash: <name>-<hash>`, a label value of at most 63 characters. */
const MAX_STATEFULSET_NAME = 52;

function mysqlNames(scope: Construct, props: ReplicatedMysqlProps): MysqlNames {
  requireProps(scope, props, '{ storageClass: pool, replicas: 1 }', REPLICATED_MYSQL_PROPS);
  if (props.images !== undefined) requireKnownKeys(scope, 'images', props.images, MYSQL_IMAGES, 'containers of MySQL');
  const name = requireServiceName(scope, 'name', props.name ?? 'mysql', (n) => [`${n}-read`]);
  if (name.length > MAX_STATEFULSET_NAME) {
    throw new InvalidPropError(scope, 'name', name, `must be at most ${MAX_STATEFULSET_NAME} characters: it names a StatefulSet, whose pods get the label controller-revision-hash=<name>-<10 characters>`);
  }
  const namespace = namespaceFor(scope, props.namespace, 'default');
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
export class MysqlStatefulSet extends Construct implements IWorkloadRef {
  /** The StatefulSet's name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** Its pod labels. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** MySQL on 3306. */
  public readonly ports: readonly WorkloadPort[] = MYSQL_WORKLOAD_PORTS;
  /** The headless Service the StatefulSet names (`<name>`; {@link MysqlConfigAndServices} defines it). */
  public readonly serviceName: string;
  /** This construct. */
  public readonly definedBy = this;

  constructor(scope: Construct, id: string, props: ReplicatedMysqlProps = {}) {
    super(scope, id);
    const { name, namespace, labels } = mysqlNames(this, props);
    this.name = name;
    this.namespace = namespace;
    this.podLabels = labels;
    this.serviceName = name;
    // Replicas beyond 100 would collide: server-id is 100 + ordinal and must stay below the 2^32 limit; 100 is the tutorial's own bound of sense.
    const replicas = requireIntegerInRange(this, 'replicas', props.replicas ?? 1, 0, 100);
    const storageSize = sizeQuantity(this, 'storageSize', props.storageSize ?? Size.gibibytes(10), { positive: true });
    const mysqlImage = requireImage(this, 'images.mysql', props.images?.mysql ?? 'mysql:5.7');
    const xtrabackupImage = requireImage(this, 'images.xtrabackup', props.images?.xtrabackup ?? 'gcr.io/google-samples/xtrabackup:1.0');
    const storageClassName = this.storageClassName(props.storageClass);
    const acceptEphemeralStorage = requireBoolean(this, 'acceptEphemeralStorage', props.acceptEphemeralStorage ?? true);
    const profile = requireProfile(this, 'profile', props.profile);
    const hardened = profile === 'hardened';
    requirePinnedImage(this, 'images.mysql', mysqlImage, profile);
    requirePinnedImage(this, 'images.xtrabackup', xtrabackupImage, profile);
    const credentials = hardened ? this.rootPasswordSecret(props.rootPassword, namespace) : undefined;
    const passwordSecret = credentials?.secretName;
    if (!hardened && props.rootPassword !== undefined) {
      throw new InvalidPropError(this, 'rootPassword', '(given)', "needs profile 'hardened': the workshop profile runs root without a password, as the tutorial does");
    }
    if (!hardened && props.readOnlyRootFilesystem !== undefined) {
      throw new InvalidPropError(this, 'readOnlyRootFilesystem', props.readOnlyRootFilesystem, "needs profile 'hardened': the workshop profile writes the tutorial's StatefulSet");
    }
    const readOnlyRootFilesystem = requireBoolean(this, 'readOnlyRootFilesystem', props.readOnlyRootFilesystem ?? true);
    const password = (variable: string) => secretEnv(variable, passwordSecret!, 'password');
    const security = restrictedSecurity({ user: HARDENED_USER, group: HARDENED_USER, fsGroup: HARDENED_USER }, { readOnlyRootFilesystem });
    const keyVault = credentials?.keyVault === undefined ? undefined : new KeyVaultSecretSync(this, 'key-vault', {
      name: `${name}-key-vault`, namespace, keyVault: credentials.keyVault, secretName: passwordSecret!, keys: ['password'], defaultSecretNames: { password: ROOT_PASSWORD_KEY_VAULT_SECRET },
    });
    const harden = (part: MysqlContainer) => {
      if (!hardened) return {};
      requireRoomFor(this, `resources.${part}`, HARDENED_RESOURCES[part], WRITABLE_FOLDERS[part]);
      return { resources: toResourceRequirements(this, `resources.${part}`, HARDENED_RESOURCES[part]), securityContext: security.container };
    };
    // Under a read-only root file system, what each container writes goes to its emptyDirs.
    const scratch = (part: MysqlContainer) => (hardened && readOnlyRootFilesystem ? writableMounts(WRITABLE_FOLDERS[part]) : []);
    const dataMount = { name: 'data', mountPath: '/var/lib/mysql', subPath: 'mysql' };
    const confMount = { name: 'conf', mountPath: '/etc/mysql/conf.d' };
    const exec = (...command: string[]): k8s.ExecAction => ({ command });
    // The hardened profile runs the clients as another user than root: they name root.
    const rootUser = hardened ? ' -uroot' : '';
    if (hardened) workloadServiceAccount(this, 'service-account', { name, namespace });

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
                ...harden('init'),
                volumeMounts: [{ name: 'conf', mountPath: '/mnt/conf.d' }, { name: 'config-map', mountPath: '/mnt/config-map' }],
              },
              {
                name: 'clone-mysql',
                image: xtrabackupImage,
                command: ['bash', '-c', cloneMysqlScript(name, name)],
                ...harden('clone'),
                volumeMounts: [dataMount, confMount, ...scratch('clone')],
              },
            ],
            containers: [
              {
                name: 'mysql',
                image: mysqlImage,
                // Not MYSQL_PWD here: the image's entrypoint would send it while it sets root up without a password.
                env: hardened ? [password('MYSQL_ROOT_PASSWORD')] : [{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' }],
                ports: [{ name: 'mysql', containerPort: MYSQL_PORT }],
                volumeMounts: [dataMount, confMount, ...scratch('mysql'), ...keyVault === undefined ? [] : [keyVault.volumeMount()]],
                resources: { requests: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('1Gi') } },
                ...harden('mysql'),
                livenessProbe: { exec: exec('mysqladmin', 'ping'), initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
                readinessProbe: {
                  exec: hardened
                    ? exec('bash', '-c', `${PASSWORD_ENV}="$MYSQL_ROOT_PASSWORD" mysql -h 127.0.0.1${rootUser} -e 'SELECT 1'`)
                    : exec('mysql', '-h', '127.0.0.1', '-e', 'SELECT 1'),
                  initialDelaySeconds: 5,
                  periodSeconds: 2,
                  timeoutSeconds: 1,
                },
              },
              {
                name: 'xtrabackup',
                image: xtrabackupImage,
                ports: [{ name: 'xtrabackup', containerPort: XTRABACKUP_PORT }],
                command: ['bash', '-c', xtrabackupScript(name, name, hardened ? PASSWORD_ENV : undefined, hardened ? 'root' : undefined)],
                env: hardened ? [password(PASSWORD_ENV)] : undefined,
                volumeMounts: [dataMount, confMount, ...scratch('xtrabackup')],
                resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('100Mi') } },
                ...harden('xtrabackup'),
                // Its port serves one backup stream to one peer at a time: the probes read that ncat
                // listens (after it has started replication) without connecting.
                ...(hardened ? {
                  startupProbe: execProbe(listenerCheck(XTRABACKUP_PORT), { periodSeconds: 10, failureThreshold: 60 }),
                  readinessProbe: execProbe(listenerCheck(XTRABACKUP_PORT), { periodSeconds: 10 }),
                  livenessProbe: execProbe(listenerCheck(XTRABACKUP_PORT), { periodSeconds: 30, failureThreshold: 3 }),
                } : {}),
              },
            ],
            volumes: [
              { name: 'conf', emptyDir: hardened ? { sizeLimit: k8s.Quantity.fromString(CONF_SIZE_LIMIT) } : {} },
              { name: 'config-map', configMap: { name } },
              ...(hardened && readOnlyRootFilesystem ? writableVolumes(this, 'writableFolders', [...WRITABLE_FOLDERS.mysql, ...WRITABLE_FOLDERS.xtrabackup]) : []),
              ...(keyVault === undefined ? [] : [keyVault.volume()]),
            ],
            ...(hardened ? { serviceAccountName: name, automountServiceAccountToken: false, securityContext: security.pod } : {}),
          },
        },
        volumeClaimTemplates: [{
          metadata: {
            name: 'data',
            annotations: acceptEphemeralStorage ? { 'acstor.azure.com/accept-ephemeral-storage': 'true' } : undefined,
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

  private rootPasswordSecret(credentials: WorkloadCredentials | undefined, namespace: string): ResolvedCredentials {
    const value = credentials?.values?.password;
    if (typeof value === 'string' && /['"$`\\]/.test(value)) {
      throw new InvalidPropError(this, 'rootPassword.values.password', '(hidden)', 'must not hold quotes, $, backquotes or backslashes: the tutorial\'s scripts pass it through a shell');
    }
    return resolveCredentials(this, 'rootPassword', credentials, { defaultName: 'mysql-root', namespace, keys: ['password'] });
  }

  private storageClassName(storageClass: IStorageClass | undefined): string | undefined {
    if (storageClass === undefined) return undefined;
    if (storageClass === null || typeof storageClass !== 'object') {
      throw new InvalidPropError(this, 'storageClass', storageClass, "must be an AcstorStoragePool, AcstorStoragePool.fromPoolName('...') or StorageClassRef.named('...')");
    }
    return requireDns1123Subdomain(this, 'storageClass.storageClassName', storageClass.storageClassName);
  }
}

/**
 * A replicated MySQL (the Kubernetes tutorial's, as the workshop runs it on Azure Container
 * Storage): ConfigMap, headless Service `<name>` (so `<name>-0.<name>` resolves), read Service
 * `<name>-read` and the StatefulSet with XtraBackup cloning. Its volumes come from the given
 * storage class, e.g. the workshop's replicated NVMe pool.
 */
export class ReplicatedMysql extends Construct implements IWorkloadRef {
  /** The StatefulSet's name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** Its pod labels. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** MySQL on 3306. */
  public readonly ports: readonly WorkloadPort[] = MYSQL_WORKLOAD_PORTS;
  /** The headless Service, `<name>` (so `<name>-0.<name>` resolves). */
  public readonly serviceName: string;
  /** This construct. */
  public readonly definedBy = this;
  /** DNS name of the primary, `<name>-0.<name>` (writes go there). */
  public readonly primaryHost: string;
  /** Name of the Service that spreads reads over all pods. */
  public readonly readServiceName: string;

  constructor(scope: Construct, id: string, props: ReplicatedMysqlProps = {}) {
    super(scope, id);
    const { name, namespace, labels } = mysqlNames(this, props);
    this.name = name;
    this.namespace = namespace;
    this.podLabels = labels;
    this.serviceName = name;
    new MysqlConfigAndServices(this, 'config-services', props);
    new MysqlStatefulSet(this, 'statefulset', props);
    this.primaryHost = `${name}-0.${name}`;
    this.readServiceName = `${name}-read`;
  }
}
