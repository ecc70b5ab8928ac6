import type { SettingsKey } from '../i18n/settings';

/**
 * The settings screens in navigation order, each reached at `/agent/settings#<id>`.
 * A new screen is one entry here and one in `SettingsShell`'s table.
 */
export const SCREENS = [
  { id: 'sites', label: 'nav.sites' },
  { id: 'agents', label: 'nav.agents' },
  { id: 'canned', label: 'nav.canned' },
  { id: 'webhooks', label: 'nav.webhooks' },
] as const satisfies ReadonlyArray<{ id: string; label: SettingsKey }>;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** The screen a location hash names; the first one for anything else. */
export function screenOf(hash: string): ScreenId {
  const id = hash.replace(/^#/, '');
  return SCREENS.find((s) => s.id === id)?.id ?? SCREENS[0].id;
}
