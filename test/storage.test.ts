import Ajv from 'ajv';
import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AcstorStoragePool,
  InvalidPropError,
  PoolType,
  ReplicatedMysql,
  STORAGE_POOL_SCHEMA,
  STORAGE_SECTION,
  StorageChart,
  StorageClassRef,
  synthesizeManifests,
} from '../src';
import { compareManifests } from './support/fidelity';
import { validateObject } from './support/schema';
import { describeWithShared, parseYamlDocuments, readShared, loadUpstream } from './support/shared';
import { findObject, synthObjects, synthSection } from './support/synth';
import { inlineObject } from './support/workshop';

const files = synthSection(STORAGE_SECTION);
const file = (name: string) => files.find((f) => f.fileName === name)!.objects;
const bundle = file('04-storage.k8s.yaml');

describeWithShared('storage fidelity', () => {
  test('the StoragePool equals the workshop inline YAML', () => {
    expect(compareManifests(file('steps/04-storage.step1-storage-pool.k8s.yaml'), [inlineObject('aks-deep-dives.md', 'StoragePool', 'ephemeraldisk-nvme').object])).toEqual([]);
  });

  test('config and services equal acstor-mysql-config-services.yaml', () => {
    expect(compareManifests(file('steps/04-storage.step2-mysql-config-services.k8s.yaml'), loadUpstream('acstor-mysql-config-services.yaml'), { namespace: 'default' })).toEqual([]);
  });

  test('the StatefulSet equals acstor-mysql-statefulset.yaml but for the storageClassName', () => {
    expect(compareManifests(file('steps/04-storage.step3-mysql-statefulset.k8s.yaml'), loadUpstream('acstor-mysql-statefulset.yaml'), { namespace: 'default' })).toEqual([{
      object: 'apps/v1/StatefulSet/default/mysql',
      path: 'spec.volumeClaimTemplates[0].spec.storageClassName',
      type: 'extra',
      actual: 'acstor-ephemeraldisk-nvme',
    }]);
  });

  test('the section bundle is the three steps together', () => {
    const steps = ['step1-storage-pool', 'step2-mysql-config-services', 'step3-mysql-statefulset'].flatMap((s) => file(`steps/04-storage.${s}.k8s.yaml`));
    expect(compareManifests(bundle, steps)).toEqual([]);
  });

  test('every published v1 StoragePool example validates against the hand-written schema', () => {
    const examples = parseYamlDocuments(readShared('crds', 'storagepool-examples.yaml')).filter((o) => o.apiVersion === 'containerstorage.azure.com/v1');
    expect(examples).toHaveLength(11);
    for (const example of examples) expect(validateObject(example).errors).toEqual([]);
  });

  test('the pool construct reproduces the published examples it can express', () => {
    const examples = parseYamlDocuments(readShared('crds', 'storagepool-examples.yaml')).filter((o) => o.apiVersion === 'containerstorage.azure.com/v1');
    // The published example writes placeholders where resource IDs go, which the construct refuses: use IDs in both.
    const diskId = (n: number) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/disks/disk${n}`;
    examples[2].spec.poolType.azureDisk.disks = examples[2].spec.poolType.azureDisk.disks.map((d: any, i: number) => {
      expect(d.reference).toBe(`<resource-id${i + 1}>`);
      return { reference: diskId(i + 1) };
    });
    const pools: [string, (scope: Construct) => void][] = [
      ['e1', (scope) => new AcstorStoragePool(scope, 'e1', { name: 'azuredisk', poolType: PoolType.azureDisk({ skuName: 'Premium_LRS' }), storage: Size.tebibytes(1) })],
      ['e2', (scope) => new AcstorStoragePool(scope, 'e2', { name: 'azuredisk', poolType: PoolType.azureDisk({ skuName: 'PremiumV2_LRS', iopsReadWrite: 5000, mbpsReadWrite: 200 }), storage: Size.tebibytes(1) })],
      ['e3', (scope) => new AcstorStoragePool(scope, 'e3', { name: 'sp-preprovisioned', poolType: PoolType.azureDisk({ disks: [{ reference: diskId(1) }, { reference: diskId(2) }] }) })],
      ['e9', (scope) => new AcstorStoragePool(scope, 'e9', { name: 'nvmedisk', poolType: PoolType.ephemeralDisk({ diskType: 'nvme', replicas: 3, hyperconverged: true }) })],
      ['e10', (scope) => new AcstorStoragePool(scope, 'e10', { name: 'ephemeraldisk-temp', poolType: PoolType.ephemeralDisk({ diskType: 'temp' }) })],
      ['e11', (scope) => new AcstorStoragePool(scope, 'e11', { name: 'managed', poolType: PoolType.elasticSan(), storage: Size.tebibytes(1) })],
    ];
    // Two examples share a name: each goes to its own chart, as one chart may not hold an object twice.
    const ours = pools.map(([, build]) => synthObjects(build)[0]);
    const published = (i: number) => examples[i - 1];
    [1, 2, 3, 9, 10, 11].forEach((n, i) => expect(compareManifests([ours[i]], [published(n)])).toEqual([]));
  });
});

describe('storage section', () => {
  test('MySQL claims its volumes from the pool\'s storage class', () => {
    const pool = findObject(bundle, 'StoragePool', 'ephemeraldisk-nvme');
    const statefulSet = findObject(bundle, 'StatefulSet', 'mysql');
    expect(statefulSet.spec.volumeClaimTemplates[0].spec.storageClassName).toBe(`acstor-${pool.metadata.name}`);
    expect(statefulSet.spec.volumeClaimTemplates[0].metadata.annotations).toEqual({ 'acstor.azure.com/accept-ephemeral-storage': 'true' });
  });

  test('selectors match the pod labels and mysql-0.mysql resolves through the headless service', () => {
    const statefulSet = findObject(bundle, 'StatefulSet', 'mysql');
    const podLabels = statefulSet.spec.template.metadata.labels;
    expect(statefulSet.spec.selector.matchLabels).toEqual(podLabels);
    for (const name of ['mysql', 'mysql-read']) {
      const service = findObject(bundle, 'Service', name);
      for (const [k, v] of Object.entries(service.spec.selector)) expect(podLabels[k]).toBe(v);
    }
    const headless = findObject(bundle, 'Service', statefulSet.spec.serviceName);
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.metadata.namespace).toBe(statefulSet.metadata.namespace);
    expect(statefulSet.spec.template.spec.containers[1].command[2]).toContain("MASTER_HOST='mysql-0.mysql'");
    expect(statefulSet.spec.template.spec.volumes).toContainEqual({ name: 'config-map', configMap: { name: findObject(bundle, 'ConfigMap', 'mysql').metadata.name } });
  });

  test('props flow: replicas, size, images, namespace, name, pool', () => {
    let mysql!: ReplicatedMysql;
    const app = new App({ outdir: 'unused' });
    const chart = new StorageChart(app, 'storage', { poolName: 'fast', poolReplicas: 5, mysql: { replicas: 3, storageSize: Size.gibibytes(50), namespace: 'db', name: 'orders-db', images: { mysql: 'mysql:8.0' } } });
    mysql = chart.mysql;
    const objects = synthesizeManifests(app)[0].objects;
    const statefulSet = findObject(objects, 'StatefulSet', 'orders-db');
    expect(statefulSet.metadata.namespace).toBe('db');
    expect(statefulSet.spec.replicas).toBe(3);
    expect(statefulSet.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'acstor-fast', resources: { requests: { storage: '50Gi' } } });
    expect(statefulSet.spec.template.spec.containers[0].image).toBe('mysql:8.0');
    expect(statefulSet.spec.template.spec.initContainers[1].command[2]).toContain('ncat --recv-only orders-db-$(($ordinal-1)).orders-db 3307');
    expect(findObject(objects, 'StoragePool', 'fast').spec.poolType.ephemeralDisk.replicas).toBe(5);
    expect(findObject(objects, 'Service', 'orders-db-read').metadata.labels.readonly).toBe('true');
    expect(mysql.primaryHost).toBe('orders-db-0.orders-db');
  });

  test('half a mebibyte of storage is written as 512Ki, the largest whole unit', () => {
    const objects = synthObjects((scope) => new ReplicatedMysql(scope, 'mysql', { storageSize: Size.mebibytes(0.5) }));
    expect(findObject(objects, 'StatefulSet', 'mysql').spec.volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '512Ki' } });
  });

  test('a StorageClass by name and no claim annotation', () => {
    const objects = synthObjects((scope) => new ReplicatedMysql(scope, 'mysql', { storageClass: StorageClassRef.named('managed-csi-premium'), acceptEphemeralStorage: false }));
    const claim = findObject(objects, 'StatefulSet', 'mysql').spec.volumeClaimTemplates[0];
    expect(claim.spec.storageClassName).toBe('managed-csi-premium');
    expect(claim.metadata.annotations).toBeUndefined();
  });

  test('without a storage class the claim uses the cluster default, as upstream does', () => {
    const objects = synthObjects((scope) => new ReplicatedMysql(scope, 'mysql'));
    expect(findObject(objects, 'StatefulSet', 'mysql').spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
  });
});

describe('storage bad input', () => {
  const pool = (props: any) => () => new AcstorStoragePool(new Chart(new App(), 'c'), 'pool', { name: 'p', ...props });
  test.each([
    ['replicas 2', pool({ poolType: PoolType.ephemeralDisk({ replicas: 2 }) }), 'c/pool: invalid poolType.replicas 2: must be 3 or 5'],
    ['replicas on temp disks', pool({ poolType: PoolType.ephemeralDisk({ diskType: 'temp', replicas: 3 }) }), "must be left out for diskType 'temp'"],
    ['unknown disk type', pool({ poolType: PoolType.ephemeralDisk({ diskType: 'ssd' as any }) }), "invalid poolType.diskType \"ssd\": must be one of 'nvme', 'temp'"],
    ['unknown pool type', pool({ poolType: { kind: 'blob' } }), 'invalid poolType {"kind":"blob"}: must be PoolType.ephemeralDisk(), PoolType.azureDisk() or PoolType.elasticSan()'],
    ['hyperconverged without replicas', pool({ poolType: PoolType.ephemeralDisk({ hyperconverged: true }) }), 'invalid poolType.hyperconverged true: needs replicas'],
    ['storage on an ephemeral pool', pool({ poolType: PoolType.ephemeralDisk(), storage: Size.tebibytes(1) }), 'must be left out for an ephemeralDisk pool'],
    ['storage as text', pool({ poolType: PoolType.azureDisk(), storage: '1TB' }), 'invalid storage "1TB": must be a Size, such as Size.gibibytes(10)'],
    ['storage of zero', pool({ poolType: PoolType.azureDisk(), storage: Size.gibibytes(0) }), 'invalid storage "0Gi": must be more than zero'],
    ['azureDisk without storage', pool({ poolType: PoolType.azureDisk() }), 'is required for an azureDisk pool'],
    ['unknown SKU', pool({ poolType: PoolType.azureDisk({ skuName: 'Premium_SSD' as any }), storage: Size.tebibytes(1) }), 'invalid poolType.skuName "Premium_SSD"'],
    ['IOPS on a SKU without them', pool({ poolType: PoolType.azureDisk({ skuName: 'Premium_LRS', iopsReadWrite: 5000 }), storage: Size.tebibytes(1) }), 'must be UltraSSD_LRS or PremiumV2_LRS to set iopsReadWrite'],
    ['elasticSan without storage', pool({ poolType: PoolType.elasticSan() }), 'is required for an elasticSan pool'],
    ['zone 4', pool({ poolType: PoolType.elasticSan(), storage: Size.tebibytes(1), zones: ['4'] }), "invalid zones[0] \"4\": must be one of '1', '2', '3'"],
    ['a pool name whose class name is too long', pool({ name: 'a'.repeat(250), poolType: PoolType.ephemeralDisk() }), "must leave room for the 'acstor-' prefix"],
    ['a pool name that is not a DNS name', pool({ name: 'NVMe', poolType: PoolType.ephemeralDisk() }), 'c/pool: invalid name "NVMe"'],
  ])('%s', (_what, build, message) => {
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  const mysql = (props: any) => () => synthObjects((scope) => new ReplicatedMysql(scope, 'mysql', props));
  test.each([
    ['storage size', { storageSize: '10GB' }, 'test/mysql/statefulset: invalid storageSize "10GB": must be a Size'],
    ['storage size zero', { storageSize: Size.mebibytes(0) }, 'test/mysql/statefulset: invalid storageSize "0Mi": must be more than zero'],
    ['replicas', { replicas: -1 }, 'invalid replicas -1'],
    ['image', { images: { xtrabackup: '' } }, 'invalid images.xtrabackup ""'],
    ['storage class name', { storageClass: StorageClassRef.named('Fast SSD') }, 'invalid storageClass.storageClassName "Fast SSD"'],
    ['storage class as a bare string', { storageClass: 'acstor-x' }, "test/mysql/statefulset: invalid storageClass \"acstor-x\": must be an AcstorStoragePool, AcstorStoragePool.fromPoolName('...') or StorageClassRef.named('...')"],
  ])('MySQL %s', (_what, props, message) => {
    expect(mysql(props)).toThrow(message);
  });

  test('a pool deployed elsewhere is named by AcstorStoragePool.fromPoolName', () => {
    const objects = synthObjects((scope) => new ReplicatedMysql(scope, 'mysql', { storageClass: AcstorStoragePool.fromPoolName('ephemeraldisk-nvme') }));
    expect(findObject(objects, 'StatefulSet', 'mysql').spec.volumeClaimTemplates[0].spec.storageClassName).toBe('acstor-ephemeraldisk-nvme');
    expect(() => AcstorStoragePool.fromPoolName('NVMe')).toThrow('invalid pool name "NVMe"');
  });

  test('the hand-written schema rejects what Azure Container Storage rejects', () => {
    const validate = new Ajv({ strict: false }).compile(STORAGE_POOL_SCHEMA);
    const manifest = (poolType: object) => ({ apiVersion: 'containerstorage.azure.com/v1', kind: 'StoragePool', metadata: { name: 'p' }, spec: { poolType } });
    expect(validate(manifest({ ephemeralDisk: { diskType: 'nvme', replicas: 3 } }))).toBe(true);
    expect(validate(manifest({ ephemeralDisk: { replicas: 4 } }))).toBe(false);
    expect(validate(manifest({ ephemeralDisk: {}, azureDisk: {} }))).toBe(false);
    expect(validate(manifest({}))).toBe(false);
    expect(validate(manifest({ blob: {} }))).toBe(false);
  });
});
