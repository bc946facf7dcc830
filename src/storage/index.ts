export * from './storage-pool-values';
export * from './containerstorage.azure.com';
export * from './storage-pool-schema';
export * from './acstor-storage-pool';
export * from './replicated-mysql';
