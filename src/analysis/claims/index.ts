export * from './claim';
export { parseClaims, readClaims, renderClaims } from './read-claims';
export { GATEWAY_ADDRESS } from './targets/gateway-request';
