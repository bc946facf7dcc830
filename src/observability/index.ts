export * from './ama-metrics-settings';
export * from './prometheus-reference-app';
export * from './monitors';
