/**
 * Runs widget code so that nothing it throws reaches the host page: an exception escaping an
 * event listener or timer would hit the page's `window.onerror` and its error tracking.
 */
export function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      report(error);
    }
  };
}

export function report(error: unknown): void {
  try {
    console.error('[chat widget]', error);
  } catch {
    // Console may be unavailable in exotic embeds; swallowing is the point of this module.
  }
}
