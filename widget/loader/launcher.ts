import css from './launcher.css?inline';
import { accentPair } from '../shared/color';
import { pickLocale } from '../shared/locale';
import type { LauncherLook } from '../shared/types';
import { LAUNCHER_STRINGS } from './strings';

export interface LauncherState {
  open: boolean;
  unread: number;
  busy: boolean;
  look: LauncherLook;
}

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  render(state: LauncherState): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';

/**
 * Draws the launcher at once, with plain DOM: the page shows a chat bubble before any of the app
 * is downloaded. Elements are built with the DOM API (no innerHTML) so Trusted Types CSPs pass too.
 */
export function createLauncher(doc: Document): Launcher {
  // A custom tag name keeps page selectors such as `div { … }` from matching our host.
  const host = doc.createElement('chat-widget');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];

  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-haspopup', 'dialog');
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', CHAT_ICON);
  svg.append(path);
  const label = doc.createElement('span');
  label.className = 'label';
  const badge = doc.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  button.append(svg, label, badge);
  root.append(button);
  doc.body.append(host);

  return {
    host,
    root,
    button,
    render({ open, unread, busy, look }) {
      const [openLabel, closeLabel, unreadLabel] = LAUNCHER_STRINGS[pickLocale([look.locale, doc.documentElement.lang, navigator.language])];
      const { accent, onAccent } = accentPair(look.color);
      // CSSOM custom properties, not a style attribute string: allowed under a strict style-src.
      host.style.setProperty('--accent', accent);
      host.style.setProperty('--on-accent', onAccent);
      host.dataset.position = look.position ?? 'right';
      host.hidden = look.off === true && !open;
      host.toggleAttribute('data-open', open);
      label.textContent = open ? '' : (look.launcherLabel ?? '');
      label.hidden = !label.textContent;
      badge.textContent = unread > 9 ? '9+' : String(unread);
      badge.hidden = open || unread === 0;
      // The accessible name starts with what is visibly written on the button (a custom label, the badge's
      // count), so voice-control users can say what they see (WCAG 2.5.3, axe label-content-name-mismatch).
      const name = open ? closeLabel : label.textContent ? `${label.textContent}, ${openLabel}` : openLabel;
      button.setAttribute('aria-label', badge.hidden ? name : `${name}, ${badge.textContent} ${unreadLabel}`);
      button.setAttribute('aria-expanded', String(open));
      button.setAttribute('aria-busy', String(busy));
    },
  };
}
