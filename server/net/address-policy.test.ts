import { describe, expect, it } from 'vitest';
import { outboundPolicy, OutboundRefused, specialKind } from './address-policy';
import { parseNetworks, NetworkListError } from './networks';

/** The host an HTTP client would connect to for this URL authority (URL parsing normalises IPv4 spellings). */
const hostOf = (authority: string) => new URL(`http://${authority}/`).hostname.replace(/^\[|\]$/g, '');

describe('outbound address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['127.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['[::]', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['[::ffff:192.168.1.1]', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['[fe80::1]', 'link-local'],
    ['[fd00:ec2::254]', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['[::7f00:1]', 'IPv4-compatible'],
  ])('refuses %s (%s) by default', (authority, kind) => {
    const host = hostOf(authority);
    expect(specialKind(host)).toBe(kind);
    expect(() => outboundPolicy().check(host)).toThrow(OutboundRefused);
  });

  it.each(['93.184.216.34', '8.8.8.8', '[2606:4700:4700::1111]', '172.32.0.1', '100.128.0.1'])('allows the public address %s', (authority) => {
    expect(() => outboundPolicy().check(hostOf(authority))).not.toThrow();
  });

  it('lets a trusted internal network through and nothing else', () => {
    const policy = outboundPolicy(parseNetworks('10.0.0.0/8, 127.0.0.1'));
    expect(() => policy.check('10.20.30.40')).not.toThrow();
    expect(() => policy.check('127.0.0.1')).not.toThrow();
    expect(() => policy.check('::ffff:127.0.0.1')).not.toThrow();
    expect(() => policy.check('127.0.0.2')).toThrow(/loopback/);
    expect(() => policy.check('192.168.0.1')).toThrow(/OUTBOUND_ALLOW_NETWORKS/);
  });

  it('refuses a network list entry that is not an address or range', () => {
    expect(() => parseNetworks('10.0.0.0/33')).toThrow(NetworkListError);
    expect(() => parseNetworks('intranet.local')).toThrow(/not an IP address/);
  });
});
