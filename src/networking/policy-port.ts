import { IConstruct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { POLICY_PROTOCOLS, PolicyProtocol } from '../core/protocols';
import { KnownKeys, requireIntegerInRange, requireKnownKeys, requireOneOf, requirePort } from '../core/validation';


/** A port (or port range) a policy rule allows. */
export interface PolicyPort {
  /** The port number, 1 to 65535. */
  readonly port: number;
  /**
   * The transport protocol.
   * @default 'TCP'
   */
  readonly protocol?: PolicyProtocol;
  /**
   * The last port of a range starting at `port`.
   * @default - a single port
   */
  readonly endPort?: number;
}

const POLICY_PORT_KEYS: KnownKeys<PolicyPort> = { port: true, protocol: true, endPort: true };

/** @internal Validates a port and renders it as Cilium's `PortProtocol` (the port as a string). */
export function renderPort(scope: IConstruct, prop: string, port: PolicyPort): { port: string; protocol: PolicyProtocol; endPort?: number } {
  if (typeof port !== 'object' || port === null) {
    throw new InvalidPropError(scope, prop, port, 'must be an object such as { port: 443, protocol: \'TCP\' }');
  }
  requireKnownKeys(scope, prop, port, POLICY_PORT_KEYS, 'a field of a port');
  const number = requirePort(scope, `${prop}.port`, port.port);
  const protocol = requireOneOf(scope, `${prop}.protocol`, port.protocol ?? 'TCP', POLICY_PROTOCOLS);
  const endPort = port.endPort === undefined ? undefined : requireIntegerInRange(scope, `${prop}.endPort`, port.endPort, number, 65535);
  return { port: String(number), protocol, ...(endPort === undefined ? {} : { endPort }) };
}
