/**
 * Bringing an admin back to the page they opened: the admin pages (ops, settings, KB editor) have no
 * sign-in of their own, so they send a signed-out visitor to the console's with `?next=` naming
 * themselves, and the console goes there after signing in. Only this server's `/agent/…` pages are
 * accepted, so a crafted link cannot send someone elsewhere after they sign in.
 */
const SIGN_IN = '/agent';
const ADMIN_PAGE = /^\/agent\/[\w-]+(?:[?#][^\\]*)?$/;

/** The console's sign-in, naming the admin page at `here` to come back to. */
export function signInFor(here: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const page = `${here.pathname}${here.search}${here.hash}`;
  return ADMIN_PAGE.test(page) ? `${SIGN_IN}?next=${encodeURIComponent(page)}` : SIGN_IN;
}

/** Where to go after signing in, from the sign-in page's query; null to stay in the console. */
export function returnTarget(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next !== null && ADMIN_PAGE.test(next) ? next : null;
}
