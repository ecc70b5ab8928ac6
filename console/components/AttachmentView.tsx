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
  // The verb is for screen readers only, where the language puts it, so the link's name contains its
  // visible text (WCAG 2.5.3, label in name): "Download invoice.pdf 244 KB".
  const [before = '', after = ''] = t('attachment.download').split('{name}');
  return (
    <a class="file-chip" href={url} download={a.name}>
      <span class="file-chip-name">
        {before && <span class="sr-only">{before}</span>}
        {a.name}
        {after && <span class="sr-only">{after}</span>}
      </span>{' '}
      <span class="muted">{formatSize(a.size)}</span>
    </a>
  );
}
