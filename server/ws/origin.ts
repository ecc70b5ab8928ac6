import type { FastifyRequest } from 'fastify';

/** `scheme://host[:port]` of a URL, normalised (default ports dropped), or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** The origin the console is served from, as this request reached us (proxy headers only when trusted). */
export function ownOrigin(request: Pick<FastifyRequest, 'protocol' | 'host'>): string | null {
  return originOf(`${request.protocol}://${request.host}`);
}

/**
 * Cross-site WebSocket hijacking guard for the agent socket: a browser always sends `Origin` on a
 * WebSocket handshake, and the session cookie rides along whatever page opened it, so the origin
 * must be the console's own (scheme, host and port) or one the operator listed. Clients that are
 * not browsers send no Origin and carry no ambient cookie; they are allowed.
 */
export function agentOriginAllowed(origin: string | undefined, request: Pick<FastifyRequest, 'protocol' | 'host'>, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const given = originOf(origin);
  if (given === null) return false;
  return given === ownOrigin(request) || allowed.includes(given);
}
