import type { z } from 'zod';
import { LIMITS } from '../limits';
import type { ErrorCode } from '../errors';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string; id?: string };

/**
 * Turns raw frame text into a typed frame of `schema`, or a catalogued error. `maxBytes` is the
 * guard: `LIMITS.frameBytes` for client frames, `LIMITS.serverFrameBytes` for what servers send.
 * Size is checked before JSON parsing so a huge frame costs nothing; the client id is
 * recovered from invalid frames when possible so the client can match the error to its send.
 */
export function parseFrame<S extends z.ZodType>(schema: S, raw: string, knownTypes: ReadonlySet<string>, maxBytes: number = LIMITS.frameBytes): ParseResult<z.infer<S>> {
  if (raw.length > maxBytes) return { ok: false, code: 'frame_too_large', message: `frame is larger than ${maxBytes} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_frame', message: 'frame is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, code: 'bad_frame', message: 'frame must be a JSON object' };
  const record = data as Record<string, unknown>;
  const id = typeof record.id === 'string' && record.id.length <= 64 ? record.id : undefined;
  const withId = <T extends object>(e: T) => (id === undefined ? e : { ...e, id });
  if (typeof record.type !== 'string' || !knownTypes.has(record.type)) {
    return withId({ ok: false as const, code: 'unknown_type' as const, message: `unknown frame type ${JSON.stringify(String(record.type)).slice(0, 80)}` });
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const tooLong = issue?.code === 'too_big' && issue.path[0] === 'text';
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return withId({ ok: false as const, code: tooLong ? ('text_too_long' as const) : ('bad_frame' as const), message: `${where}${issue?.message ?? 'invalid frame'}` });
}

/** The `type` literals a discriminated union accepts, for `parseFrame`. */
export function typesOf(union: { options: readonly { shape: { type: { value: unknown } } }[] }): ReadonlySet<string> {
  return new Set(union.options.map((o) => String(o.shape.type.value)));
}
