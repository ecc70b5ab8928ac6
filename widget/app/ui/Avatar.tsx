import { useState } from 'preact/hooks';

/** Up to two initials: "Ana Lima" → "AL", "ana" → "A". */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => String.fromCodePoint(w.codePointAt(0)!).toUpperCase())
    .join('');
}

/** The same name always gets the same hue; dark enough for white initials (contrast above 4.5:1). */
export function avatarHue(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.codePointAt(0)!) % 360;
  return h;
}

/**
 * An agent's picture beside their name, or their initials on a stable colour when they have none or
 * it fails to load (a host page's CSP may block it). Decorative: the name is written next to it.
 */
export function Avatar({ name, url }: { name: string; url?: string | null }) {
  const [broken, setBroken] = useState(false);
  const picture = url && url.startsWith('https://') && !broken;
  return (
    <span class="avatar" aria-hidden="true" style={{ background: `hsl(${avatarHue(name)} 50% 32%)` }}>
      {picture ? <img src={url} alt="" referrerpolicy="no-referrer" onError={() => setBroken(true)} /> : initials(name)}
    </span>
  );
}
