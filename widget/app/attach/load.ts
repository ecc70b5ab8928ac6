/** The attachments chunk, fetched once, on first use (an upload, or a message with a file to show). */
let chunk: Promise<typeof import('./index')> | undefined;
export const loadAttach = () => (chunk ??= import('./index'));
