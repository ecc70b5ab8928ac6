import type { Locale } from '../../shared/locale';

/** Words of the attachments chunk: loaded with it, so they cost the first open nothing. */
const STRINGS = {
  en: { uploading: 'Uploading {name}…', file_too_large: '{name} is too large to send.', file_type_refused: '{name} is a type of file this chat does not accept.', forbidden: 'This chat does not accept files, so {name} was not sent.', rate_limited: 'You have sent many files: please wait a little, then send {name} again.', offline: '{name} could not be sent: check your connection and try again.', failed: '{name} could not be sent. Please try again.', download: 'Download {name}' },
  es: { uploading: 'Subiendo {name}…', file_too_large: '{name} es demasiado grande para enviarlo.', file_type_refused: 'Este chat no acepta archivos del tipo de {name}.', forbidden: 'Este chat no acepta archivos, así que {name} no se envió.', rate_limited: 'Has enviado muchos archivos: espera un poco y vuelve a enviar {name}.', offline: 'No se pudo enviar {name}: comprueba tu conexión e inténtalo de nuevo.', failed: 'No se pudo enviar {name}. Inténtalo de nuevo.', download: 'Descargar {name}' },
  de: { uploading: '{name} wird hochgeladen…', file_too_large: '{name} ist zu groß zum Senden.', file_type_refused: 'Dateien wie {name} nimmt dieser Chat nicht an.', forbidden: 'Dieser Chat nimmt keine Dateien an, {name} wurde nicht gesendet.', rate_limited: 'Sie haben viele Dateien gesendet: Bitte warten Sie kurz und senden Sie {name} dann erneut.', offline: '{name} konnte nicht gesendet werden: Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.', failed: '{name} konnte nicht gesendet werden. Bitte versuchen Sie es erneut.', download: '{name} herunterladen' },
  ar: { uploading: 'جارٍ رفع {name}…', file_too_large: '{name} أكبر من أن يُرسل.', file_type_refused: 'هذه الدردشة لا تقبل ملفات من نوع {name}.', forbidden: 'هذه الدردشة لا تقبل الملفات، لذلك لم يُرسل {name}.', rate_limited: 'لقد أرسلت ملفات كثيرة: انتظر قليلًا ثم أرسل {name} مرة أخرى.', offline: 'تعذّر إرسال {name}: تحقّق من اتصالك وحاول مرة أخرى.', failed: 'تعذّر إرسال {name}. حاول مرة أخرى.', download: 'تنزيل {name}' },
} satisfies Record<Locale, Record<string, string>>;

export type AttachStrings = (typeof STRINGS)['en'];
/** Why an upload failed, as the visitor is told: the server's reason, a dropped connection, or anything else. */
export type UploadError = 'file_too_large' | 'file_type_refused' | 'forbidden' | 'rate_limited' | 'offline' | 'failed';

export const attachStrings = (locale: Locale): AttachStrings => STRINGS[locale];

/** 1.2 MB, 340 KB, 12 B: in the visitor's number format. */
export function formatSize(bytes: number, locale: Locale): string {
  const [n, unit] = bytes >= 1_048_576 ? [bytes / 1_048_576, 'MB'] : bytes >= 1_024 ? [bytes / 1_024, 'KB'] : [bytes, 'B'];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 && unit !== 'B' ? 1 : 0 }).format(n)} ${unit}`;
}
