import { FQDN_TARGET } from './fqdn';
import { GATEWAY_REQUEST_TARGET } from './gateway-request';
import { IP_TARGET } from './ip';
import { PODS_TARGET } from './pods';
import { SERVICE_TARGET } from './service';
import { ClaimTarget, ClaimTargetKind } from '../claim';
import { TargetKind } from '../target-kind';

/** Every kind of claim target, by kind: adding a kind is one module and one line here (the type makes the line required). */
export const TARGET_KINDS: { readonly [K in ClaimTargetKind]: TargetKind<K> } = {
  service: SERVICE_TARGET,
  pods: PODS_TARGET,
  fqdn: FQDN_TARGET,
  ip: IP_TARGET,
  gatewayRequest: GATEWAY_REQUEST_TARGET,
};


/** Calls `use` with a target and the module of its kind (the one place a target's kind picks its module). */
export function withTargetKind<R>(
  target: ClaimTarget, use: <K extends ClaimTargetKind>(kind: TargetKind<K>, target: Extract<ClaimTarget, { kind: K }>) => R,
): R {
  return use(TARGET_KINDS[target.kind] as TargetKind<ClaimTargetKind>, target as never);
}
