import { defineConfig } from 'vite';
import { readAppManifest } from './scripts/build/app-file';

/**
 * `dist/widget/widget.js`: the one script a site embeds. A classic IIFE (works without
 * type="module"), no Preact, no zod; it imports the hashed `widget/app-HASH.js` only when the chat is opened.
 * Built after the app, so it must not empty `dist/widget`.
 */
export default defineConfig({
  publicDir: false,
  plugins: [readAppManifest()],
  build: {
    outDir: 'dist/widget',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'widget/loader/index.ts',
      formats: ['iife'],
      name: 'ChatWidgetLoader',
      fileName: () => 'widget.js',
    },
  },
});
