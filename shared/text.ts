import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Text from outside on one line (a name, a title, a URL, a key): no control characters at all.
 * NUL in particular is refused by PostgreSQL's text type, and none of them means anything to a reader.
 */
export const lineText = () => z.string().refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** Multi-line text (a message, a comment, a canned reply): tab and line breaks allowed, other control characters not. */
export const multilineText = () => z.string().refine((s) => !CONTROL_BUT_LINE_BREAKS.test(s), 'must not contain control characters other than tab and line breaks');

/** A site's public key as it arrives in `?site=` or a body. */
export const SiteKey = lineText().trim().min(1).max(100);
