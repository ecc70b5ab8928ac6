import type { Plugin } from 'vite';

/**
 * Vite wraps every dynamic `import()` in a preload helper (~1 KB gzip) even with `modulePreload: false`.
 * The widget's lazy chunks import only what the app has already loaded, so there is nothing to preload:
 * this unwraps the calls, and the unused helper is then dropped by the minifier.
 */
export function noPreloadHelper(): Plugin {
  return {
    name: 'chat-no-preload-helper',
    enforce: 'post',
    renderChunk(code) {
      const unwrapped = code.replace(/__vitePreload\(\(\) => (import\("[^"]+"\)), __VITE_PRELOAD__\)/g, '$1');
      return unwrapped === code ? null : { code: unwrapped, map: null };
    },
  };
}
