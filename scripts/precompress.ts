/** `npm run build`'s last step: brotli and gzip copies of the built widget and console (see scripts/build/precompress.ts). */
import { existsSync } from 'node:fs';
import { precompress } from './build/precompress';

for (const [dir, zopfli] of [['dist/widget', true], ['dist/console', false]] as const) {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run the vite builds first`);
  console.log(`precompress: ${await precompress(dir, { zopfli })} files written in ${dir}`);
}
