import type { Attachment } from '../../shared/protocol/index';

/** Why an upload failed, as the console explains it (the server's catalogued codes, or the network). */
export type UploadError = 'file_too_large' | 'file_type_refused' | 'forbidden' | 'rate_limited' | 'failed';
const KNOWN: ReadonlySet<string> = new Set(['file_too_large', 'file_type_refused', 'forbidden', 'rate_limited']);

/** Uploads `file` for a reply in `conversationId` (POST /api/files, session cookie); rejects with an `UploadError`. */
export async function uploadFile(conversationId: string, file: File, fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<Attachment> {
  const query = new URLSearchParams({ conversationId, name: file.name });
  let res: Response;
  try {
    res = await fetchImpl(`/api/files?${query}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
  } catch {
    throw 'failed' satisfies UploadError;
  }
  const body: unknown = await res.json().catch(() => null);
  const a = body as Attachment | null;
  if (res.ok && typeof a?.id === 'string' && typeof a.name === 'string' && typeof a.type === 'string' && typeof a.size === 'number') return a;
  const code = (body as { code?: unknown } | null)?.code;
  throw (typeof code === 'string' && KNOWN.has(code) ? code : 'failed') as UploadError;
}

/** 1.2 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  if (bytes >= 1_024) return `${Math.round(bytes / 1_024)} KB`;
  return `${bytes} B`;
}
