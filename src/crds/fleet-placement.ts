export * from '../../imports/crp-placement.kubernetes-fleet.io';
export * from '../../imports/ro-placement.kubernetes-fleet.io';
export * from '../../imports/cro-placement.kubernetes-fleet.io';
