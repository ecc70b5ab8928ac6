import { defineConfig } from 'vite';
import { writeAppManifest } from './scripts/build/app-file';
import { noPreloadHelper } from './scripts/build/no-preload';

/**
 * `dist/widget/app-HASH.js`: the chat app (Preact included) as one ES module, imported by the loader
 * on first open. The content hash lets the server cache it for a year; `app-manifest.json` tells the
 * loader build its name. CSS comes in as strings (`?inline`) and is adopted into the shadow root.
 * Built first in `npm run build`, so it empties `dist/widget`.
 *
 * Not library mode: Vite keeps whitespace in ES library builds, which costs ~15% gzip here.
 */
export default defineConfig({
  publicDir: false,
  plugins: [writeAppManifest(), noPreloadHelper()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/widget',
    // The loader shares this folder; in watch mode emptying it would delete widget.js on every app rebuild.
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    rolldownOptions: {
      input: 'widget/app/main.tsx',
      // Keep `mount` exported: the loader imports this module and calls it.
      preserveEntrySignatures: 'allow-extension',
      output: { postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''), format: 'es', entryFileNames: 'app-[hash].js', chunkFileNames: 'chunk-[name]-[hash].js', codeSplitting: true },
    },
  },
});
