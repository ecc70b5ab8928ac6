import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { lineText } from '../../shared/text';
import { AppError } from '../../shared/errors';
import { isUniqueViolation } from '../store/db';
import type { Store } from '../store/store';
import { SiteSettings, type Site } from '../store/types';

/** Site management shared by the admin API and `npm run sites`: the rules live here once. */

const SiteName = lineText().trim().min(1, 'must not be empty').max(120);

/** An origin as browsers send it: scheme, host and optional port; a trailing slash is forgiven. */
export const Origin = z
  .string()
  .trim()
  .max(2_048)
  .refine((value) => originOf(value) !== null, 'must be an origin such as https://shop.example.com (http or https, host, optional port, no path)')
  .transform((value) => originOf(value)!);

const Origins = z
  .array(Origin)
  .max(50, 'at most 50 origins per site')
  .transform((list) => [...new Set(list)]);

export const NewSite = z.strictObject({
  name: SiteName,
  allowedOrigins: Origins.default([]),
});
export type NewSite = z.input<typeof NewSite>;

export const SitePatch = z.strictObject({
  name: SiteName.optional(),
  disabled: z.boolean().optional(),
  allowedOrigins: Origins.optional(),
  /** Only the settings named are changed; the others keep their values. */
  settings: SiteSettings.partial().strict().optional(),
});

export const MAX_GRACE_HOURS = 720;
export const DEFAULT_GRACE_HOURS = 24;
export const Rotation = z.strictObject({
  graceHours: z.number().min(0).max(MAX_GRACE_HOURS).default(DEFAULT_GRACE_HOURS),
});

/** What admins see of a site: never the secret (that is fetched on demand). */
export interface SiteView {
  id: string;
  key: string;
  name: string;
  disabled: boolean;
  allowedOrigins: string[];
  settings: SiteSettings;
  createdAt: string;
  snippet: string;
}

export interface SiteSecretView {
  secret: string;
  /** Until when the secret before the last rotation still verifies `userHash`; null when it no longer does. */
  previousSecretExpiresAt: string | null;
}

export function snippet(baseUrl: string, key: string): string {
  return `<script src="${baseUrl.replace(/\/+$/, '')}/widget.js" data-site="${key}" async></script>`;
}

export function siteView(site: Site, baseUrl: string): SiteView {
  return {
    id: site.id,
    key: site.key,
    name: site.name,
    disabled: site.disabled,
    allowedOrigins: site.allowedOrigins,
    settings: site.settings,
    createdAt: new Date(site.createdAt).toISOString(),
    snippet: snippet(baseUrl, site.key),
  };
}

export function secretView(site: Site, now = Date.now()): SiteSecretView {
  const expires = site.previousSecret !== null && site.previousSecretExpiresAt !== null && site.previousSecretExpiresAt > now ? site.previousSecretExpiresAt : null;
  return { secret: site.secret, previousSecretExpiresAt: expires === null ? null : new Date(expires).toISOString() };
}

/** Keys are public (they sit in the snippet); 16 hex digits keep them short and unguessable enough to not collide. */
const newKey = () => randomBytes(8).toString('hex');
const newSecret = () => randomBytes(32).toString('hex');

export async function createSite(store: Store, input: unknown): Promise<Site> {
  const s = NewSite.parse(input);
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.sites.create({ key: newKey(), name: s.name, secret: newSecret(), allowedOrigins: s.allowedOrigins });
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

export async function requireSite(store: Store, id: string): Promise<Site> {
  const site = await store.sites.byId(id);
  if (!site) throw new AppError('not_found', 'no such site');
  return site;
}

export async function siteByKey(store: Store, key: string): Promise<Site> {
  const site = await store.sites.byKey(key);
  if (!site) throw new AppError('not_found', `no site with key ${key}`);
  return site;
}

export async function updateSite(store: Store, id: string, input: unknown): Promise<Site> {
  const patch = SitePatch.parse(input);
  const site = await requireSite(store, id);
  // `partial()` fills in defaults for settings not sent; keep only the ones the admin named.
  const named = Object.keys((input as { settings?: object }).settings ?? {});
  const changed = Object.fromEntries(Object.entries(patch.settings ?? {}).filter(([k]) => named.includes(k)));
  await store.sites.update(id, {
    name: patch.name,
    disabled: patch.disabled,
    allowedOrigins: patch.allowedOrigins,
    settings: patch.settings ? SiteSettings.parse({ ...site.settings, ...changed }) : undefined,
  });
  return requireSite(store, id);
}

/**
 * Deleting erases the site and everything recorded under it (visitors, conversations, messages,
 * events, webhooks), so it must be confirmed with the site's key; disabling keeps the history.
 */
export async function deleteSite(store: Store, id: string, confirmKey: string | undefined): Promise<void> {
  const site = await requireSite(store, id);
  if (confirmKey !== site.key) {
    const n = await store.sites.countConversations(id);
    throw new AppError(
      'invalid_state',
      `deleting site "${site.name}" erases it with its ${n} conversation${n === 1 ? '' : 's'}, visitors and events for good; confirm with the site key (${site.key}), or disable the site to keep its history`,
    );
  }
  await store.tx((repos) => repos.sites.deleteWithHistory(id));
}

/** A new secret at once; the old one keeps verifying `userHash` for `graceHours` (0: not at all). */
export async function rotateSiteSecret(store: Store, id: string, input: unknown, now = Date.now()): Promise<SiteSecretView> {
  const { graceHours } = Rotation.parse(input ?? {});
  await requireSite(store, id);
  const expires = graceHours > 0 ? new Date(now + graceHours * 3_600_000) : null;
  const site = await store.sites.rotateSecret(id, newSecret(), expires);
  if (!site) throw new AppError('not_found', 'no such site');
  return secretView(site, now);
}

function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}
