export * from './containerstorage.azure.com';
export * from './storage-pool-schema';
export * from './acstor-storage-pool';
export * from './mysql-scripts';
export * from './replicated-mysql';
