/** An IPv4 or IPv6 network: its family, address bits and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  /** The address as a number (IPv4) or big integer (IPv6), masked to the prefix. */
  readonly network: bigint;
  readonly prefix: number;
  /** As written. */
  readonly text: string;
}

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256n + BigInt(part), 0n);
}

function ipv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  // An embedded IPv4 address counts as two groups.
  const expand = (list: string[]): string[] | undefined => {
    const last = list[list.length - 1];
    if (last === undefined || !last.includes('.')) return list;
    const v4 = ipv4(last);
    if (v4 === undefined) return undefined;
    return [...list.slice(0, -1), (v4 / 65536n).toString(16), (v4 % 65536n).toString(16)];
  };
  const l = tail === undefined ? expand(left) : left;
  const r = tail === undefined ? [] : expand(right);
  if (l === undefined || r === undefined) return undefined;
  const missing = 8 - l.length - r.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return undefined;
  const all = [...l, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...r];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((value, group) => value * 65536n + BigInt(parseInt(group, 16)), 0n);
}

/** The address with the bits beyond the prefix cleared. */
function networkOf(value: bigint, family: 4 | 6, prefix: number): bigint {
  const block = 2n ** BigInt((family === 4 ? 32 : 128) - prefix);
  return value - (value % block);
}

/** An IP address as family and number, or undefined when `text` is not one. */
export function parseIp(text: string): { readonly family: 4 | 6; readonly value: bigint } | undefined {
  const v4 = ipv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = text.includes(':') ? ipv6(text) : undefined;
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** Whether `text` is an IPv4 address in dotted decimal. */
export function isIpv4(text: string): boolean {
  return ipv4(text) !== undefined;
}

/**
 * A CIDR (`10.0.0.0/8`, `2001:db8::/32`; a bare address is a /32 or /128), or undefined when
 * `text` is not one. Bits beyond the prefix are ignored, as Kubernetes and Cilium accept them.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const max = address.family === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > max) return undefined;
  const prefix = Number(prefixText);
  return { family: address.family, network: networkOf(address.value, address.family, prefix), prefix, text };
}

/** Whether the address `ip` (already parsed) is inside `cidr`. */
export function cidrContains(cidr: Cidr, ip: { readonly family: 4 | 6; readonly value: bigint }): boolean {
  return cidr.family === ip.family && networkOf(ip.value, ip.family, cidr.prefix) === cidr.network;
}

/** Whether `cidr` holds every IPv4 address (`0.0.0.0/0`). */
export function isAllIpv4(cidr: Cidr): boolean {
  return cidr.family === 4 && cidr.prefix === 0;
}
