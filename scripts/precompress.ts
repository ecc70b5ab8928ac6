/** `npm run build`'s last step: brotli and gzip copies of the built widget and console (see scripts/build/precompress.ts). */
import { existsSync } from 'node:fs';
import { precompress } from './build/precompress';

for (const dir of ['dist/widget', 'dist/console']) {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run the vite builds first`);
  console.log(`precompress: ${precompress(dir)} files written in ${dir}`);
}
