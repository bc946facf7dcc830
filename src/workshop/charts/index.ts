export * from './store-chart';
export * from './networking-chart';
export * from './mesh-chart';
export * from './storage-chart';
export * from './identity-chart';
export * from './observability-chart';
export * from './fleet-chart';
export * from './secure-store-chart';
