export * from './placement-policy';
export * from './resource-placement';
