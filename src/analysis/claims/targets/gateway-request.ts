import { GATEWAY_ADDRESS } from '../../engine/mesh-routing';
import { own } from '../../model/json';
import { hostField, httpFields } from '../claim-fields';
import { httpRequest, TargetKind } from '../target-kind';

export { GATEWAY_ADDRESS };

/** A request from outside through one of the add-on's ingress gateways: its Host, path, method and headers, and the gateway port. */
export const GATEWAY_REQUEST_TARGET: TargetKind<'gatewayRequest'> = {
  kind: 'gatewayRequest',
  fields: ['host', 'port', 'path', 'method', 'headers'],
  recognizes: (_to, source) => source.kind === 'ingressGateway',
  read: (reader, to, path, _source, protocol) => {
    reader.refuseUnknown(to, path, GATEWAY_REQUEST_TARGET.fields);
    if (protocol !== 'TCP') reader.fail(path, 'a request through an ingress gateway is HTTP over TCP: leave protocol out');
    return { kind: 'gatewayRequest', host: hostField(reader, to, 'host', path), port: reader.integer(own(to, 'port'), [...path, 'port'], 1, 65535), http: httpFields(reader, to, path, true)! };
  },
  checkAgainst: () => undefined,
  describe: (target) => `Host ${target.host ?? 'the gateway IP'} ${target.http.method === 'GET' ? '' : `${target.http.method} `}${target.http.path} port ${target.port}`,
  query: (target, source, _protocol, context) => {
    if (source.kind !== 'ingressGateway') throw new Error('a gateway request needs an ingressGateway source');
    const request = httpRequest(target.http, target.host ?? GATEWAY_ADDRESS)!;
    return context.connections.throughGateway(source.gateway, request, target.port, source.ip, context.gatewayKeepsClientIp);
  },
  draw: (target, canvas) => canvas.outside(`request:${target.host ?? 'gateway'}${target.http.path}`, `Host ${target.host ?? 'gateway IP'} ${target.http.path}\n(no route)`),
};
