export * from './istio-revision';
export * from './curl-client';
export * from './mesh-mtls';
export * from './mesh-ingress';
