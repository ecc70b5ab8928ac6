import type { Config } from './config';
import type { Store } from './store/store';

/**
 * What a production start should tell the operator about its security posture: one line per
 * deliberate-but-risky default still in effect. Printed by main.ts; empty in demo mode.
 */
export async function securityWarnings(config: Config, store: Store): Promise<string[]> {
  if (!config.production) return [];
  const warnings: string[] = [];
  for (const site of await store.sites.all()) {
    // An empty list allows every origin (a widget can be tried anywhere before go-live); say so.
    if (site.allowedOrigins.length === 0) warnings.push(`site "${site.key}" has no allowed origins: any web page can embed its chat widget (set them in Settings at /agent/settings, with npm run sites -- origins --key ${site.key} --origin …, or PATCH /api/admin/sites/:id)`);
  }
  // The CSRF check compares scheme, host and port; behind a TLS-terminating proxy our own scheme is
  // only known from PUBLIC_URL or a trusted X-Forwarded-Proto.
  if (config.publicUrl === null && config.trustProxy === false) warnings.push('PUBLIC_URL is not set: behind a proxy that terminates TLS, set PUBLIC_URL (or TRUST_PROXY), or console sign-ins are refused as cross-site');
  return warnings;
}
