import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ServerToVisitor } from '../../../shared/protocol/visitor/index';

/**
 * The widget validates server frames against a JSON Schema generated from the zod schema
 * `ServerToVisitor`, because zod itself is ~27 KB gzip and the whole chat must fit in 30 KB.
 * Regenerate after any protocol change: `npx tsx widget/app/protocol/generate.ts`
 * (`schema.test.ts` fails while the committed file is stale).
 */
export function serverToVisitorSchema(): unknown {
  return compact(z.toJSONSchema(ServerToVisitor, { io: 'output', unrepresentable: 'throw' }));
}

/**
 * Drops what the validator does not use, to save bytes in the bundle: `$schema`,
 * `additionalProperties` (unknown keys are allowed, as zod allows them) and the ±2^53 bounds zod
 * puts on every integer (JSON numbers beyond them are not integers we would ever receive).
 */
function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === 'additionalProperties') continue;
    if ((key === 'minimum' || key === 'maximum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = compact(value);
  }
  return out;
}

export const schemaFile = fileURLToPath(new URL('./server-to-visitor.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(schemaFile, `${JSON.stringify(serverToVisitorSchema(), null, 1)}\n`);
  console.log(`wrote ${schemaFile}`);
}
