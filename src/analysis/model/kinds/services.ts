import { PORT_PROTOCOLS } from '../../../core/protocols';
import { isValidPortName, PORT_NAME_RULE } from '../../../core/validation';
import { FieldReader } from '../field-reader';
import { has, JsonMap, own, plainRecord } from '../json';
import { UnmodelledField } from '../outcome';
import { ServicePort, ServiceRecord } from '../records';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

/** A Service of the manifests. */
export function readService(reader: FieldReader, object: JsonMap, namespace: string, source: string): ServiceRecord {
  const spec = reader.optionalMap(object, 'spec', []) ?? {};
  const type = own(spec, 'type') === undefined ? 'ClusterIP' : reader.oneOf(own(spec, 'type'), ['spec', 'type'], SERVICE_TYPES);
  const selectorMap = reader.optionalMap(spec, 'selector', ['spec']);
  const selector = selectorMap === undefined ? undefined : reader.labels(selectorMap, ['spec', 'selector']);
  const ports = reader.optionalMaps(spec, 'ports', ['spec'], (item, at): ServicePort => {
    const port = reader.integer(own(item, 'port'), [...at, 'port'], 1, 65535);
    const raw = own(item, 'targetPort');
    let targetPort: number | string = port;
    if (typeof raw === 'number') targetPort = reader.integer(raw, [...at, 'targetPort'], 1, 65535);
    else if (typeof raw === 'string') targetPort = reader.string(raw, [...at, 'targetPort'], `must be a port number or ${PORT_NAME_RULE}`, isValidPortName);
    return {
      name: reader.optionalString(item, 'name', at),
      port,
      targetPort,
      protocol: own(item, 'protocol') === undefined ? 'TCP' : reader.oneOf(own(item, 'protocol'), [...at, 'protocol'], PORT_PROTOCOLS),
    };
  }) ?? [];
  const unmodelled: UnmodelledField[] = [];
  for (const field of ['loadBalancerSourceRanges', 'externalIPs']) {
    if (has(spec, field)) unmodelled.push({ object: reader.object, field: `spec.${field}`, why: 'decides which outside clients reach the Service' });
  }
  return {
    name: reader.object.slice(reader.object.lastIndexOf('/') + 1),
    namespace,
    type,
    selector: selector === undefined ? undefined : plainRecord(Object.entries(selector)),
    ports,
    headless: own(spec, 'clusterIP') === 'None',
    source,
    builtIn: false,
    unmodelled,
  };
}
