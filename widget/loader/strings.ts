import type { Locale } from '../shared/locale';

/** The only strings the loader needs: [open, close, "unread" suffix]. The app has the full tables. */
export const LAUNCHER_STRINGS: Record<Locale, [open: string, close: string, unread: string]> = {
  en: ['Open chat', 'Close chat', 'unread'],
  es: ['Abrir chat', 'Cerrar chat', 'sin leer'],
  de: ['Chat öffnen', 'Chat schließen', 'ungelesen'],
  ar: ['افتح المحادثة', 'أغلق المحادثة', 'غير مقروءة'],
};
