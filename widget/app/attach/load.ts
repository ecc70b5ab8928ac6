/** The attachments chunk, fetched once, on first use (an upload, or a message with a file to show). */
let chunk: Promise<typeof import('./index')> | undefined;
export const loadAttach = () =>
  (chunk ??= import('./index').catch((e: unknown) => {
    // A failed fetch (offline for a moment) is forgotten, so the next attachment tries again.
    chunk = undefined;
    throw e;
  }));
