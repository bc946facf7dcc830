import { Construct } from 'constructs';
import { serviceFqdn } from '../../../core/workload-ref';
import { CiliumPolicy, PolicyDirection, PodSelector } from '../../../networking/cilium-policy';
import { dnsSearchVariants } from '../../../networking/dns-lookup-rule';
import { FqdnMatch } from '../../../networking/fqdn-match';
import { PolicyPeer } from '../../../networking/policy-peer';
import { IAksStore } from '../../../store/store-workloads';

/**
 * The workshop's FQDN step as it ships (`acns-network-policy-fqdn.yaml`), for following the
 * workshop. It reuses the name `allow-order-service-traffic`, so applying it replaces the base
 * policy of that name: order-service loses its ingress from store-front and its egress to
 * rabbitmq:5672. Use {@link FqdnEgressPolicy} for the working end state.
 */
export function workshopFqdnStep(scope: Construct, store: IAksStore, fqdn: FqdnMatch = FqdnMatch.pattern('*.microsoft.com')): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-order-service-traffic', {
    name: 'allow-order-service-traffic',
    selector: PodSelector.workload(store.orderService),
    egress: PolicyDirection.allow(
      {
        to: [PolicyPeer.kubeDns(), PolicyPeer.workload(store.rabbitmq, { pinNamespace: true })],
        ports: [{ port: 53, protocol: 'UDP' }],
        dns: [FqdnMatch.pattern(serviceFqdn(store.rabbitmq)), ...dnsSearchVariants(fqdn, store.namespace.namespaceName)],
      },
      { to: [PolicyPeer.fqdn(fqdn)], ports: [{ port: 443, protocol: 'TCP' }] },
    ),
  });
}
