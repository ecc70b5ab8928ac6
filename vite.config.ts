import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The agent console: one single-page app served by the server at /agent (and every /agent/*
 * path that is not a file), routing by `location.pathname`. The widget has its own config.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/agent/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev` runs the API on :3000; the console dev server forwards to it.
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
