import { isDns1123Label } from '../../../core/validation';
import { GATEWAY_ADDRESS } from '../../engine/mesh-routing';
import { single } from '../../engine/verdict';
import { has, own } from '../../model/json';
import { ClaimTarget } from '../claim';
import { hostField, httpFields, namespaceField, portField } from '../claim-fields';
import { httpRequest, TargetKind } from '../target-kind';

type ServiceTarget = Extract<ClaimTarget, { kind: 'service' }>;

/** The name a client in `namespace` looks a Service up by when the claim names none: the short name in its own namespace, else `name.namespace`. */
function defaultHost(target: ServiceTarget, clientNamespace?: string): string {
  return target.host ?? (clientNamespace === target.namespace ? target.service : `${target.service}.${target.namespace}`);
}

/** A Service port, reached by name through kube-dns (or from outside, for a LoadBalancer or NodePort Service). */
export const SERVICE_TARGET: TargetKind<'service'> = {
  kind: 'service',
  fields: ['service', 'namespace', 'port', 'host', 'path', 'method', 'headers'],
  recognizes: (to, source) => source.kind !== 'ingressGateway' && has(to, 'service'),
  read: (reader, to, path, _source, protocol) => {
    reader.refuseUnknown(to, path, SERVICE_TARGET.fields);
    if (protocol === 'ICMP') reader.fail([...path, 'service'], 'cannot be pinged: a Service address answers no ICMP; name the pods instead');
    return {
      kind: 'service',
      service: reader.string(own(to, 'service'), [...path, 'service'], 'must be a Service name', isDns1123Label),
      namespace: namespaceField(reader, to, path),
      port: portField(reader, to, path, protocol)!,
      host: hostField(reader, to, 'host', path),
      http: httpFields(reader, to, path),
    };
  },
  checkAgainst: (target, context, reader, path) => {
    const service = context.cluster.service(target.namespace, target.service);
    if (service === undefined) return reader.fail([...path, 'service'], `names no Service of the manifests or the cluster in namespace ${target.namespace}`);
    if (!service.ports.some((p) => p.port === target.port)) {
      reader.fail([...path, 'port'], `is not a port of Service ${target.namespace}/${target.service} (it has ${service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none'})`);
    }
  },
  describe: (target) => `${target.host ?? target.service} (Service ${target.namespace}/${target.service}) port ${target.port}${target.http === undefined ? '' : ` ${target.http.method} ${target.http.path}`}`,
  query: (target, source, protocol, context) => {
    const service = context.cluster.service(target.namespace, target.service)!;
    const port = service.ports.find((p) => p.port === target.port && p.protocol === protocol);
    if (port === undefined) {
      return single({ check: 'service', outcome: 'blocked', text: `Service ${service.namespace}/${service.name} has no port ${target.port}/${protocol} (it has ${service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')})` });
    }
    if (source.kind === 'world') return context.connections.fromOutside({ kind: 'world', ip: source.ip }, service, port, httpRequest(target.http, target.host ?? GATEWAY_ADDRESS));
    if (source.kind !== 'pod') throw new Error('a Service target needs a pod or world source');
    const client = context.connections.clientPod(source.namespace, source.labels, source.serviceAccount);
    const host = defaultHost(target, client.namespace);
    return context.connections.toService(client, service, port, host, httpRequest(target.http, host));
  },
  draw: (target, canvas, context) => {
    const service = context.cluster.service(target.namespace, target.service);
    const backend = service === undefined ? undefined : context.cluster.backends(service)[0];
    return backend !== undefined ? canvas.workload(backend) : canvas.missing(`missing:${target.namespace}/${target.service}`, `Service ${target.service}\n(no pods)`, target.namespace);
  },
};
