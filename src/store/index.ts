export * from './store-workloads';
export * from './store-release';
export * from './store-service';
export * from './aks-store';
