/** Zod-free: the widget's attachments chunk imports this file. */

/** The kinds of file a site owner can allow; each is a closed set of content types, found by sniffing. */
export const FILE_KINDS = ['images', 'pdf', 'text', 'office'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * Images shown inline (widget and console). SVG is deliberately absent: it can carry script, so it is
 * never accepted at all (sniffing calls it what it is, and no kind allows it).
 */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const TYPES_OF_KIND: Record<FileKind, readonly string[]> = {
  images: INLINE_IMAGE_TYPES,
  pdf: ['application/pdf'],
  text: ['text/plain', 'text/csv'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
};

/** The file picker's `accept`: a hint for the browser's dialog only; the server decides by content. */
export function acceptOf(kinds: readonly FileKind[]): string {
  const ext: Record<FileKind, string> = { images: 'image/png,image/jpeg,image/gif,image/webp', pdf: '.pdf', text: '.txt,.csv', office: '.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods' };
  return kinds.map((k) => ext[k]).join(',');
}
