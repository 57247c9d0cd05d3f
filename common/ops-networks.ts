import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Where operators' tools run by default outside production: this machine. In production nothing is, until OPS_NETWORKS says so. */
export const LOOPBACK_NETWORKS: readonly string[] = ['127.0.0.0/8', '::1/128'];

/**
 * The networks whose clients may read operational detail — `/metrics`, and
 * the per-subgraph detail of `/ready` — without a token (OPS_NETWORKS, a
 * list of CIDR blocks). Addresses are the socket's own: no proxy header is
 * trusted, so behind a reverse proxy on the same host, list only the
 * monitoring hosts, never the proxy.
 */
export class OpsNetworks {
  private readonly list = new BlockList();

  constructor(readonly cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`"${cidr}" is not an IPv4 or IPv6 address or CIDR block`);
      this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
  }

  includes(address: string | undefined): boolean {
    if (!address) return false;
    // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    if (isIPv4(plain)) return this.list.check(plain, 'ipv4');
    if (isIPv6(plain)) return this.list.check(plain, 'ipv6');
    return false;
  }
}

/** `10.0.0.0/8`, `192.168.1.7` (one host), `fd00::/8`; null when it is none of these. */
export function parseCidr(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = cidr.trim().split('/');
  if (extra !== undefined) return null;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (!family) return null;
  const max = family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { address, prefix: Number(prefixText), family };
}
