export * from './workload-identity';
export * from './key-vault-sample';
