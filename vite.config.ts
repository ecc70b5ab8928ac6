import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(`./console/${name}`, import.meta.url));

/**
 * The agent console, the ops dashboard, the admin settings and the knowledge-base editor: four pages of one
 * build, served by the server at /agent (and every /agent/* path that is not a file, routing by
 * `location.pathname`), /agent/ops, /agent/settings and /agent/kb.
 * They share chunks (zod, Preact, styles); the widget has its own config.
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
    rollupOptions: { input: { index: page('index.html'), ops: page('ops.html'), settings: page('settings.html'), kb: page('kb.html') } },
  },
  server: {
    // `npm run dev` runs the API on :3000; the console dev server forwards to it.
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
