import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_COOKIE = 'chat_device';
const DEVICE_TTL_MS = 90 * 86_400_000;

/**
 * "Known-good device" cookies (OWASP's device-cookie defence against lock-out): a browser that once
 * signed in to an account gets a signed cookie naming that account. Its sign-ins are throttled on
 * their own, so strangers failing from the same address or against the same account cannot lock
 * the real user out. The cookie proves nothing by itself: the password is still required.
 */
export class KnownDevices {
  constructor(private readonly key: string) {}

  static newKey(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The device id when the request carries a valid device cookie for this agent, else null. */
  deviceFor(request: FastifyRequest, agentEmail: string): string | null {
    const cookie = request.cookies[DEVICE_COOKIE];
    const [device, expires, sig, extra] = cookie?.split('.') ?? [];
    if (!device || !expires || !sig || extra !== undefined || Number(expires) < Date.now()) return null;
    const expected = Buffer.from(this.mac(agentEmail, device, expires));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given) ? device : null;
  }

  remember(reply: FastifyReply, request: FastifyRequest, agentEmail: string): void {
    const device = randomBytes(12).toString('base64url');
    const expires = String(Date.now() + DEVICE_TTL_MS);
    reply.setCookie(DEVICE_COOKIE, `${device}.${expires}.${this.mac(agentEmail, device, expires)}`, {
      path: '/api/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: DEVICE_TTL_MS / 1000,
    });
  }

  private mac(agentEmail: string, device: string, expires: string): string {
    return createHmac('sha256', this.key).update(`${agentEmail.toLowerCase()}\n${device}\n${expires}`).digest('base64url');
  }
}
