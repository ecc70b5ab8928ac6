import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DEVICE_COOKIE, KnownDevices } from './known-devices';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets the free failures through, then doubles the wait after each further failure, up to the cap', () => {
    const t = new LoginThrottle(3, 1_000, 8_000);
    let now = 0;
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('k', now)).toBe(0);
      t.fail('k', now);
    }
    expect(t.retryAfter('k', now)).toBe(1_000);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += t.retryAfter('k', now);
      t.fail('k', now);
      waits.push(t.retryAfter('k', now));
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(t.retryAfter('other', now)).toBe(0);
  });

  it('forgets failures outside the window and after a success', () => {
    const t = new LoginThrottle(1, 1_000, 60_000, 10_000);
    t.fail('k', 0);
    t.fail('k', 0);
    expect(t.retryAfter('k', 500)).toBe(1_500);
    expect(t.retryAfter('k', 10_001)).toBe(0);
    t.fail('j', 0);
    t.fail('j', 0);
    t.succeed('j');
    expect(t.retryAfter('j', 1)).toBe(0);
  });
});

describe('KnownDevices', () => {
  const devices = new KnownDevices('k'.repeat(43));
  const issue = (email: string) => {
    let cookie = '';
    const reply = { setCookie: (_name: string, value: string) => (cookie = value) } as unknown as FastifyReply;
    devices.remember(reply, { protocol: 'https' } as FastifyRequest, email);
    return cookie;
  };
  const request = (cookie: string) => ({ cookies: { [DEVICE_COOKIE]: cookie } }) as unknown as FastifyRequest;

  it('recognises its own cookie for the account it was issued to, case-insensitively, and nothing else', () => {
    const cookie = issue('Agent@Demo.test');
    expect(devices.deviceFor(request(cookie), 'agent@demo.test')).toBe(cookie.split('.')[0]);
    expect(devices.deviceFor(request(cookie), 'admin@demo.test')).toBeNull();
    expect(devices.deviceFor(request(cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), 'agent@demo.test')).toBeNull();
    expect(new KnownDevices('x'.repeat(43)).deviceFor(request(cookie), 'agent@demo.test')).toBeNull();
    expect(devices.deviceFor(request('garbage'), 'agent@demo.test')).toBeNull();
  });

  it('refuses an expired cookie even with a valid signature for its fields', () => {
    const [device, , sig] = issue('agent@demo.test').split('.');
    expect(devices.deviceFor(request(`${device}.${Date.now() - 1}.${sig}`), 'agent@demo.test')).toBeNull();
  });
});
