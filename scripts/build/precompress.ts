import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

export interface PrecompressOptions {
  /**
   * Gzip with Zopfli (a slower, denser deflate every gzip client reads) instead of zlib level 9: about 2% fewer
   * bytes. Worth it where every byte is a visitor's (the widget); the console builds faster without it.
   */
  zopfli?: boolean;
}

/**
 * Writes `.br` (quality 11) and `.gz` beside every compressible file under `dir`, so the server sends
 * them as they are (`@fastify/static` `preCompressed`) instead of compressing on every request.
 */
export async function precompress(dir: string, options: PrecompressOptions = {}): Promise<number> {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // The listing is taken once; a compressed copy removed below may still be in it.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      written += await precompress(path, options);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    if (stat.size < MIN_BYTES) {
      // A file that shrank must not leave an older compressed copy to be sent in its place.
      for (const ext of ['.br', '.gz']) rmSync(`${path}${ext}`, { force: true });
      continue;
    }
    const body = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${path}.gz`, options.zopfli ? await gzipAsync(body, { numiterations: 15 }) : gzipSync(body, { level: 9 }));
    written += 2;
  }
  return written;
}
