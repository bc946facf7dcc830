export * from './policy-port';
export * from './policy-peer';
export * from './cilium-policy';
export * from './dns-lookup-rule';
export * from './store-policies';
export * from './fqdn-egress-policy';
export * from './workshop-fqdn-step';
export * from './hubble-ui';
