import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local and other non-public ranges (IPv4 and IPv6). */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Like outgoing webhooks, mail goes only to public addresses unless the operator opts in: a local
 * relay (postfix on 127.0.0.1, a sidecar) is common, so SMTP_ALLOW_PRIVATE=true allows it.
 * Returns the reason the host is refused, or null when it may be used.
 */
export async function refuseSmtpHost(host: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) return `SMTP host ${host} does not resolve`;
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `SMTP host ${host} is a private or loopback address (${blocked}); set SMTP_ALLOW_PRIVATE=true to use a local relay` : null;
}
