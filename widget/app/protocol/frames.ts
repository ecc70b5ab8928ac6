import type { ServerToVisitor } from '../../../shared/protocol/visitor/index';
import schemaJson from './server-to-visitor.schema.json';
import { mismatch, type Schema } from './validate';

// JSON imports are typed by their literal content; the validator only needs the generic shape.
const schema = schemaJson as unknown as Schema;

export type ParsedFrame = { ok: true; frame: ServerToVisitor } | { ok: false; reason: string };

/**
 * Parses raw socket text into a `ServerToVisitor` frame, checked against the generated schema.
 * `maxBytes` guards the parse; the server pages its lists to stay below `LIMITS.serverFrameBytes`.
 */
export function parseServerFrame(raw: unknown, maxBytes = Infinity): ParsedFrame {
  if (typeof raw !== 'string') return { ok: false, reason: 'binary frame' };
  if (raw.length > maxBytes) return { ok: false, reason: 'frame too large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const bad = mismatch(schema, data);
  // The schema is generated from ServerToVisitor, so a match has exactly that shape.
  return bad === null ? { ok: true, frame: data as ServerToVisitor } : { ok: false, reason: `invalid at ${bad}` };
}
