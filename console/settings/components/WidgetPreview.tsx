import { useEffect, useState } from 'preact/hooks';
import { useSettingsI18n } from '../../i18n/settings';

export interface Look {
  color: string;
  position: 'left' | 'right';
  greeting: string;
  launcherLabel: string;
}

/** The preview page's address for a site and a look; empty fields are left out so the site's defaults show. */
export function previewUrl(siteKey: string, look: Look, locale: string): string {
  const q = new URLSearchParams({ site: siteKey, position: look.position, locale });
  if (look.color) q.set('color', look.color);
  if (look.greeting.trim()) q.set('greeting', look.greeting.trim());
  if (look.launcherLabel.trim()) q.set('launcherLabel', look.launcherLabel.trim());
  return `/preview/widget?${q.toString()}`;
}

/**
 * The real widget (the loader and the chat app this server ships) in a frame, drawn with the look
 * being edited before it is saved. It reloads a moment after typing stops, not on every key.
 */
export function WidgetPreview({ siteKey, look, delayMs = 400 }: { siteKey: string; look: Look; delayMs?: number }) {
  const { t, locale } = useSettingsI18n();
  const wanted = previewUrl(siteKey, look, locale);
  const [src, setSrc] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSrc(wanted), delayMs);
    return () => clearTimeout(timer);
  }, [wanted, delayMs]);
  return (
    <figure class="preview">
      <iframe src={src} title={t('look.previewTitle')} class="preview-frame" loading="lazy" />
      <figcaption class="muted">{t('look.previewHelp')}</figcaption>
    </figure>
  );
}
