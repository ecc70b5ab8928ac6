import { BlockList, isIP } from 'node:net';

/** A set of addresses and CIDR ranges (IPv4 and IPv6), e.g. trusted proxies or trusted internal receivers. */
export interface Networks {
  /** True when `address` is in one of the ranges; IPv4-mapped IPv6 (`::ffff:10.0.0.1`) counts as its IPv4 address. */
  has(address: string): boolean;
  /** The ranges as written, for messages and docs. */
  readonly entries: readonly string[];
}

export class NetworkListError extends Error {}

/**
 * Parses `10.0.0.0/8, 192.168.1.7, fd00::/8` into a matcher. A bare address is a single host.
 * Throws NetworkListError naming the first entry that is not an address or CIDR range.
 */
export function parseNetworks(list: string | readonly string[]): Networks {
  const entries = (typeof list === 'string' ? list.split(',') : [...list]).map((s) => s.trim()).filter(Boolean);
  const blocks = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new NetworkListError(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      blocks.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) throw new NetworkListError(`"${entry}" has an invalid prefix length`);
    blocks.addSubnet(address, prefix, type);
  }
  return {
    entries,
    has(address: string): boolean {
      const family = isIP(address);
      if (family === 0) return false;
      return blocks.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

export const NO_NETWORKS: Networks = parseNetworks([]);
