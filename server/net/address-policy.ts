import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { parseNetworks, type Networks } from './networks';

/**
 * Where outbound connections (webhooks, e-mail) may go. One module for every sender so
 * the rule is written once: public unicast addresses only, unless the operator trusts a range.
 */
const SPECIAL: Array<[kind: string, ranges: string]> = [
  ['unspecified', '0.0.0.0/8, ::/128'],
  ['loopback', '127.0.0.0/8, ::1/128'],
  ['private', '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16'],
  ['carrier-grade NAT', '100.64.0.0/10'],
  ['link-local', '169.254.0.0/16, fe80::/10'],
  ['unique-local', 'fc00::/7, fec0::/10'],
  ['multicast', '224.0.0.0/4, ff00::/8'],
  // IETF protocol assignments, benchmarking, documentation, reserved and broadcast: never a real receiver.
  ['reserved', '192.0.0.0/24, 192.0.2.0/24, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24, 240.0.0.0/4, 100::/64, 2001:db8::/32, 64:ff9b:1::/48'],
  // IPv4-compatible IPv6 (deprecated) would reach an IPv4 address by another spelling.
  ['IPv4-compatible', '::/96'],
];
const CLASSES = SPECIAL.map(([kind, ranges]) => ({ kind, networks: parseNetworks(ranges) }));

/** The kind of non-public address this is (`loopback`, `private`, …), or null for a public address. */
export function specialKind(address: string): string | null {
  if (isIP(address) === 0) return 'not an IP address';
  return CLASSES.find((c) => c.networks.has(address))?.kind ?? null;
}

export class OutboundRefused extends Error {
  constructor(
    readonly address: string,
    readonly kind: string,
  ) {
    super(`refused to connect to ${address}: a ${kind} address (list trusted internal receivers in OUTBOUND_ALLOW_NETWORKS)`);
    this.name = 'OutboundRefused';
  }
}

export interface OutboundPolicy {
  /** Throws OutboundRefused when `address` (an IP, never a name) may not be reached. */
  check(address: string): void;
}

/** The policy: refuse every special-purpose address except those inside `trusted`. */
export function outboundPolicy(trusted: Networks = parseNetworks([])): OutboundPolicy {
  return {
    check(address: string): void {
      const bare = address.replace(/^\[|\]$/g, '');
      const kind = specialKind(bare);
      if (kind !== null && !trusted.has(bare)) throw new OutboundRefused(bare, kind);
    },
  };
}

/**
 * Why `policy` refuses `host` (a name, or an IP with or without IPv6 brackets), or null when every address
 * it resolves to may be reached. For senders whose library does its own lookup (SMTP): webhooks instead
 * check inside the connection's lookup (`guardedLookup`), which also closes the window between two lookups.
 */
export async function hostRefusal(host: string, policy: OutboundPolicy): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return `${host} does not resolve`;
  for (const address of addresses) {
    try {
      policy.check(address);
    } catch (e) {
      if (e instanceof OutboundRefused) return `${host} is a ${e.kind} address (${e.address})`;
      throw e;
    }
  }
  return null;
}
