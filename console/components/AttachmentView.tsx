import { INLINE_IMAGE_TYPES } from '../../shared/files';
import type { Attachment } from '../../shared/protocol/index';
import { useT } from '../i18n/index';
import { formatSize } from '../lib/upload';

/**
 * A message's file: images as a preview, anything else as a chip that downloads it. Same origin, so
 * the session cookie authorises it; the server serves non-images as `attachment` in a sandbox.
 */
export function AttachmentView({ a }: { a: Attachment }) {
  const t = useT();
  const url = `/api/files/${encodeURIComponent(a.id)}`;
  if (INLINE_IMAGE_TYPES.includes(a.type))
    return (
      <a class="attachment-image" href={url} target="_blank" rel="noopener noreferrer" aria-label={t('attachment.open', { name: a.name })}>
        <img src={url} alt={a.name} loading="lazy" />
      </a>
    );
  return (
    <a class="file-chip" href={url} download={a.name} aria-label={t('attachment.download', { name: a.name, size: formatSize(a.size) })}>
      <span class="file-chip-name">{a.name}</span> <span class="muted">{formatSize(a.size)}</span>
    </a>
  );
}
