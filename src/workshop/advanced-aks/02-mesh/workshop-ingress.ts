import { ApiObject, Chart } from 'cdk8s';

/**
 * The Advanced AKS text's Gateway and VirtualService, exactly as it applies them: the Gateway
 * without a namespace (so in `default`), the VirtualService in `aks-store` naming it without
 * one and routing only the in-cluster host. As applied, the route never serves the store.
 */
export function workshopIngressPair(chart: Chart, namespace: string): void {
  new ApiObject(chart, 'gateway', {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'Gateway',
    metadata: { name: `${namespace}-gateway-external`, namespace: 'default' },
    spec: {
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    },
  });
  const host = `store-front.${namespace}.svc.cluster.local`;
  new ApiObject(chart, 'virtual-service', {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name: 'store-front-external', namespace },
    spec: {
      hosts: [host],
      gateways: [`${namespace}-gateway-external`],
      http: [{ match: [{ uri: { prefix: '/' } }], route: [{ destination: { host, port: { number: 80 } } }] }],
    },
  });
}
