export * from './validation';
export * from './quantities';
export * from './images';
export * from './resources';
export * from './namespace-ref';
export * from './workload-ref';
export * from './synthesizer';
