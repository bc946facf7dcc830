export * from '../../imports/cnp-cilium.io';
export * from '../../imports/ccnp-cilium.io';
