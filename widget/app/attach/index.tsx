import { useEffect, useState } from 'preact/hooks';
import { INLINE_IMAGE_TYPES } from '../../../shared/files';
import type { Attachment } from '../../../shared/protocol/index';
import type { Locale } from '../../shared/locale';
import { format } from '../i18n/translate';
import { attachStrings, formatSize, type UploadError } from './strings';

/**
 * Attachments in the widget: uploading, previews and downloads. A lazy chunk, loaded the first time
 * the visitor attaches a file or a message with a file is shown, so the first open stays within budget.
 */

const endpoint = (socketUrl: string, id = '') => new URL(`/api/visitor/files${id && `/${id}`}`, socketUrl.replace(/^ws/, 'http')).href;

/**
 * Uploads `file` as the visitor (their token is the credential); rejects with an `UploadError`. A file over
 * `maxBytes` (the site's limit, from the welcome) is refused here, without sending it: the server would only refuse it.
 */
export async function upload(file: File, token: string | null, socketUrl: string, maxBytes = Infinity): Promise<Attachment> {
  if (file.size > maxBytes) throw 'file_too_large' satisfies UploadError;
  let res: Response;
  try {
    res = await fetch(`${endpoint(socketUrl)}?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: file });
  } catch {
    throw 'offline' satisfies UploadError;
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && isAttachment(body)) return body;
  throw uploadErrorOf(res.status, (body as { code?: unknown } | null)?.code);
}

const BY_CODE = new Map<unknown, UploadError>([['file_too_large', 'file_too_large'], ['file_type_refused', 'file_type_refused'], ['forbidden', 'forbidden'], ['site_disabled', 'forbidden'], ['rate_limited', 'rate_limited']]);
const BY_STATUS = new Map<number, UploadError>([[413, 'file_too_large'], [415, 'file_type_refused'], [403, 'forbidden'], [429, 'rate_limited']]);

/**
 * The reason to show for a refused upload: the server's catalogued code, else the HTTP status alone
 * (a proxy in front of the server answers 413 or 429 with a page of its own, not our JSON).
 */
export function uploadErrorOf(status: number, code: unknown): UploadError {
  return BY_CODE.get(code) ?? BY_STATUS.get(status) ?? 'failed';
}

function isAttachment(v: unknown): v is Attachment {
  const a = v as Attachment | null;
  return typeof a?.id === 'string' && typeof a.name === 'string' && typeof a.type === 'string' && typeof a.size === 'number';
}

/** A file's bytes, fetched with the visitor's token: never a bare URL that would work for anyone. */
export async function download(id: string, token: string | null, socketUrl: string): Promise<Blob> {
  const res = await fetch(endpoint(socketUrl, id), { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`download failed: ${res.status}`);
  return res.blob();
}

export interface AttachmentViewProps {
  a: Attachment;
  locale: Locale;
  load(id: string): Promise<Blob>;
}

/** An image as a preview; any other file as a chip with its name and size that downloads on click. */
export function AttachmentView({ a, locale, load }: AttachmentViewProps) {
  const s = attachStrings(locale);
  const image = INLINE_IMAGE_TYPES.includes(a.type);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image) return;
    let made: string | null = null;
    load(a.id).then((blob) => setUrl((made = URL.createObjectURL(blob))), () => {});
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [a.id]);

  const save = () =>
    load(a.id).then((blob) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = a.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });

  if (image)
    return (
      <p class="attachment">
        {url ? (
          <img src={url} alt={a.name} style={{ display: 'block', maxWidth: '100%', maxHeight: '240px', borderRadius: '8px' }} />
        ) : (
          <span style={{ display: 'block', width: '160px', height: '120px', borderRadius: '8px', background: 'rgba(127,127,127,.15)' }} role="img" aria-label={a.name} />
        )}
      </p>
    );
  // The verb ("Download …", "… herunterladen") is for screen readers only, placed as each language words it,
  // so the name they hear still contains the visible text (WCAG 2.5.3, label in name).
  const [before = '', after = ''] = s.download.split('{name}');
  return (
    <p class="attachment">
      <button type="button" class="chip" onClick={save} style={{ display: 'inline-flex', gap: '6px', maxWidth: '100%' }}>
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M6 2h8l6 6v14H6zm7 1.5V9h5.5z" />
        </svg>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {before && <span class="sr-only">{before}</span>}
          {a.name}
          {after && <span class="sr-only">{after}</span>}
        </span>
        <span>{formatSize(a.size, locale)}</span>
      </button>
    </p>
  );
}

export interface UploadNoticeProps {
  name: string;
  error: UploadError | null;
  locale: Locale;
}

/** "Uploading…" while it goes, or why the file was refused, in the visitor's language. */
export function UploadNotice({ name, error, locale }: UploadNoticeProps) {
  const s = attachStrings(locale);
  // The composer's counter line: under the text box, full width, small.
  if (!error) return <p class="counter" role="status">{format(s.uploading, { name })}</p>;
  return (
    <p class="counter counter-over" role="alert">
      {format(s[error] ?? s.failed, { name })}
    </p>
  );
}
