import { z } from 'zod';

/** Every error code the server can send; clients translate codes, not messages. */
export const ErrorCode = z.enum([
  'bad_frame',
  'unknown_type',
  'frame_too_large',
  'text_too_long',
  'bad_request',
  'protocol_version',
  'unauthorized',
  'forbidden',
  'not_found',
  'already_claimed',
  'invalid_state',
  'rate_limited',
  /** An upload over the site's size limit (or the server's); refused while it streams in. */
  'file_too_large',
  /** An upload whose content (read from its first bytes) is not a type the site accepts. */
  'file_type_refused',
  /** The site's admin has switched chat off: the widget stops and does not retry. */
  'site_disabled',
  'unavailable',
  /** The server is overloaded: the request waited its bounded turn for the database and was not done; retry shortly. */
  'busy',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Codes only the upload endpoints answer with (HTTP); a socket never sends them, so socket clients need no words for them. */
export const SocketErrorCode = ErrorCode.exclude(['file_too_large', 'file_type_refused']);
export type SocketErrorCode = z.infer<typeof SocketErrorCode>;

export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: SocketErrorCode,
  message: z.string(),
  /** The client id of the frame that caused it, when there was one. */
  id: z.string().optional(),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;

/** A failure with a catalogued code, thrown by name and turned into an ErrorFrame or HTTP error at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = httpStatusOf(code),
  ) {
    super(message);
    this.name = 'AppError';
  }
}

function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'unauthorized': return 401;
    case 'forbidden':
    case 'site_disabled': return 403;
    case 'not_found': return 404;
    case 'already_claimed':
    case 'invalid_state': return 409;
    case 'frame_too_large':
    case 'file_too_large': return 413;
    case 'file_type_refused': return 415;
    case 'rate_limited': return 429;
    case 'unavailable':
    case 'busy': return 503;
    case 'internal': return 500;
    default: return 400;
  }
}
