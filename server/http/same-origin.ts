import type { FastifyRequest } from 'fastify';

/**
 * True when `origin` is this server's own origin: scheme, host and port all equal. Our own origin is
 * the one the request was made to (scheme from TLS or a trusted proxy, Host header) or PUBLIC_URL.
 */
export function sameOrigin(origin: string, request: FastifyRequest, publicUrl: string | null): boolean {
  const given = originOf(origin);
  if (given === null) return false;
  if (publicUrl !== null && given === originOf(publicUrl)) return true;
  return given === originOf(`${request.protocol}://${request.headers.host ?? ''}`);
}

/** The serialised origin (`http://host:port`, default ports dropped), or null when it is not one. */
function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
