import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The manifest the app build writes beside its output, naming the content-hashed entry file. */
export const APP_MANIFEST = 'app-manifest.json';
const VIRTUAL_ID = 'virtual:chat-app-file';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
/** Loaders cached before a deploy (they live 5 minutes) may still import the previous app: keep it a day. */
const KEEP_STALE_MS = 24 * 60 * 60 * 1000;

/**
 * App build: writes `app-manifest.json` ({ file }) so the loader can name the hashed app, and removes app
 * files (and their compressed siblings) that are neither current nor younger than a day.
 */
export function writeAppManifest(): Plugin {
  let outDir = '';
  return {
    name: 'chat-app-manifest',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      if (!entry) this.error('the app build produced no entry chunk');
      this.emitFile({ type: 'asset', fileName: APP_MANIFEST, source: JSON.stringify({ file: entry.fileName }) });
    },
    writeBundle(_options, bundle) {
      const current = new Set(Object.keys(bundle));
      const now = Date.now();
      for (const name of safeList(outDir)) {
        const base = name.replace(/\.(br|gz)$/, '');
        if (!/^(app|chunk)-[\w-]+\.js$/.test(base) || current.has(base)) continue;
        const path = join(outDir, name);
        if (now - statSync(path).mtimeMs > KEEP_STALE_MS) rmSync(path, { force: true });
      }
    },
  };
}

/**
 * Loader build: `import appFile from 'virtual:chat-app-file'` is the hashed app's file name, read from the
 * manifest in the same output folder. Watched, so `npm run dev` rebuilds the loader when the app changes.
 */
export function readAppManifest(): Plugin {
  let manifest = '';
  return {
    name: 'chat-app-file',
    configResolved(config) {
      manifest = join(config.build.outDir, APP_MANIFEST);
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      this.addWatchFile(manifest);
      let file: unknown;
      try {
        file = (JSON.parse(readFileSync(manifest, 'utf8')) as { file?: unknown }).file;
      } catch {
        this.error(`${manifest} is missing: build the app (vite.widget.config.ts) before the loader`);
      }
      if (typeof file !== 'string' || !/^[\w.-]+\.js$/.test(file)) this.error(`${manifest} names no app file`);
      return `export default ${JSON.stringify(file)};`;
    },
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
