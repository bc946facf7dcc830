import { IConstruct } from 'constructs';
import { InvalidPropError, requireIntegerInRange, requireOneOf } from '../core/validation';

/** Transport protocols a Cilium port rule can match. */
export type PolicyProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ANY';

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

const PROTOCOLS: readonly PolicyProtocol[] = ['TCP', 'UDP', 'SCTP', 'ANY'];
/** Characters Cilium accepts in DNS names and patterns. */
const FQDN_CHARACTERS = /^[-a-zA-Z0-9_.*]+$/;

/** Validates a port and renders it as Cilium's `PortProtocol` (the port as a string). */
export function renderPort(scope: IConstruct, prop: string, port: PolicyPort): { port: string; protocol: PolicyProtocol; endPort?: number } {
  if (typeof port !== 'object' || port === null) {
    throw new InvalidPropError(scope, prop, port, 'must be an object such as { port: 443, protocol: \'TCP\' }');
  }
  const number = requireIntegerInRange(scope, `${prop}.port`, port.port, 1, 65535);
  const protocol = requireOneOf(scope, `${prop}.protocol`, port.protocol ?? 'TCP', PROTOCOLS);
  const endPort = port.endPort === undefined ? undefined : requireIntegerInRange(scope, `${prop}.endPort`, port.endPort, number, 65535);
  return { port: String(number), protocol, ...(endPort === undefined ? {} : { endPort }) };
}

/** How a DNS rule or an FQDN peer matches names. */
export class FqdnMatch {
  /** Matches exactly `name` (no wildcards), e.g. `graph.microsoft.com`. */
  public static exactName(name: string): FqdnMatch {
    return new FqdnMatch('matchName', name);
  }

  /**
   * Matches names against `pattern`, where `*` stands for any characters valid in a DNS
   * name, e.g. `*.microsoft.com`.
   */
  public static pattern(pattern: string): FqdnMatch {
    return new FqdnMatch('matchPattern', pattern);
  }

  private constructor(
    /** The Cilium field this renders to. */
    public readonly field: 'matchName' | 'matchPattern',
    /** The name or pattern. */
    public readonly value: string,
  ) {}

  /** Validates the match (names `prop` in errors) and renders it for Cilium. */
  public render(scope: IConstruct, prop: string): { matchName: string } | { matchPattern: string } {
    if (typeof this.value !== 'string' || !FQDN_CHARACTERS.test(this.value) || this.value.startsWith('.') || this.value.includes('..')) {
      throw new InvalidPropError(scope, `${prop}.${this.field}`, this.value,
        "must be a DNS name of letters, digits, '-', '_' and '.' (and '*' in patterns), not empty, without empty labels");
    }
    if (this.field === 'matchName' && this.value.includes('*')) {
      throw new InvalidPropError(scope, `${prop}.matchName`, this.value, "must not contain '*'; use FqdnMatch.pattern for wildcards");
    }
    return this.field === 'matchName' ? { matchName: this.value } : { matchPattern: this.value };
  }
}
