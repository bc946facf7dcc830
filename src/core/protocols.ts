/** The transport protocols of Kubernetes ports (containers, Services, network policies). */
export const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** A transport protocol of a Kubernetes port. */
export type PortProtocol = typeof PORT_PROTOCOLS[number];

/** Whether `value` is one of {@link PORT_PROTOCOLS}. */
export function isPortProtocol(value: unknown): value is PortProtocol {
  return (PORT_PROTOCOLS as readonly unknown[]).includes(value);
}

/** The protocols a Cilium port rule names: a transport protocol, or `ANY`. */
export const POLICY_PROTOCOLS = [...PORT_PROTOCOLS, 'ANY'] as const;

/** A protocol a Cilium port rule names. */
export type PolicyProtocol = typeof POLICY_PROTOCOLS[number];
