import { AZURE_DISK_SKUS, EPHEMERAL_DISK_REPLICAS, EPHEMERAL_DISK_TYPES, POOL_ZONES } from './storage-pool-values';

/**
 * JSON schema (draft-07, the subset an openAPIV3Schema uses) of a `containerstorage.azure.com/v1`
 * StoragePool, written by hand from the published examples since no CRD is public. Exactly one
 * pool type; SKUs, disk types and replica counts as documented for Azure Container Storage 1.x.
 */
export const STORAGE_POOL_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'containerstorage.azure.com/v1' },
    kind: { const: 'StoragePool' },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', maxLength: 253 },
        namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
      },
      // The rest of ObjectMeta (labels, annotations, ...) is the API server's, not the pool's.
      additionalProperties: true,
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['poolType'],
      properties: {
        zones: { type: 'array', items: { type: 'string', enum: ['', ...POOL_ZONES] } },
        poolType: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          properties: {
            azureDisk: {
              type: 'object',
              additionalProperties: false,
              properties: {
                skuName: { type: 'string', enum: AZURE_DISK_SKUS },
                iopsReadWrite: { type: 'integer', minimum: 1 },
                mbpsReadWrite: { type: 'integer', minimum: 1 },
                disks: {
                  type: 'array',
                  minItems: 1,
                  items: { type: 'object', additionalProperties: false, required: ['reference'], properties: { reference: { type: 'string', minLength: 1 } } },
                },
                encryption: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['keyName', 'keyVersion', 'keyVaultUri', 'identity'],
                  properties: {
                    keyName: { type: 'string' },
                    keyVersion: { type: 'string' },
                    keyVaultUri: { type: 'string' },
                    identity: { type: 'string' },
                  },
                },
              },
            },
            ephemeralDisk: {
              type: 'object',
              additionalProperties: false,
              properties: {
                diskType: { type: 'string', enum: EPHEMERAL_DISK_TYPES },
                replicas: { type: 'integer', enum: EPHEMERAL_DISK_REPLICAS },
                hyperconverged: { type: 'boolean' },
              },
            },
            elasticSan: { type: 'object', additionalProperties: false, properties: {} },
          },
        },
        resources: {
          type: 'object',
          additionalProperties: false,
          properties: {
            requests: {
              type: 'object',
              additionalProperties: false,
              properties: { storage: { type: 'string', pattern: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?\\d+))?$' } },
            },
          },
        },
      },
    },
  },
} as const;
