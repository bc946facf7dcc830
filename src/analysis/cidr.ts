/** Whether the IPv4 address `ip` is inside `cidr` (`10.0.0.0/8`); false for anything that is not IPv4. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const address = ipv4(ip);
  const network = ipv4(base);
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const blockSize = 2 ** (32 - bits);
  return Math.floor(address / blockSize) === Math.floor(network / blockSize);
}

/** The address as a number from 0 to 2^32 - 1. */
function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}
