import type { Piece } from './sentencepiece';
import { pca, project } from './pca';
import type { UseLite } from './sentence-encoder';

/**
 * The model2vec method (Tulkens & van Dongen, 2024) applied to the Universal Sentence Encoder
 * lite: every vocabulary piece is read once by the full model, the vectors are reduced with PCA,
 * and each piece is weighted by how rare it is (SIF: a / (a + p), p its unigram probability from
 * the SentencePiece model). A sentence is then the mean of its pieces' rows (`StaticEncoder`):
 * tens of microseconds instead of 10–30 ms, and no model in memory. docs/BOT.md has the numbers.
 */
export interface DistilOptions {
  /** Dimensions kept by PCA. */
  dimensions: number;
  /** The SIF constant a: smaller weighs frequent pieces ("▁the", "s") down harder. */
  sif: number;
}

export const DEFAULT_DISTIL: DistilOptions = { dimensions: 128, sif: 1e-3 };

/** Ids below this are control symbols (unknown, <s>, </s>, reserved): their rows stay zero. */
const CONTROL_IDS = 6;

/** Table file: magic, then piece count and dimensions (uint32 LE), then float32 LE rows by piece id. */
const MAGIC = 0x31455344; // "DSE1"
const HEADER_BYTES = 12;

/** The full model's vector of every vocabulary piece read alone (zero for control pieces), by id. */
export async function teacherVectors(teacher: Pick<UseLite, 'embedPieces' | 'vocabulary'>, dimensions: number): Promise<Float32Array[]> {
  const ids = teacher.vocabulary.map((_, id) => id).filter((id) => id >= CONTROL_IDS);
  const vectors = await teacher.embedPieces(ids.map((id) => [id]));
  const out: Float32Array[] = teacher.vocabulary.map(() => new Float32Array(dimensions));
  ids.forEach((id, i) => {
    out[id] = vectors[i] as Float32Array;
  });
  return out;
}

/** The static table from the teacher's piece vectors: PCA, then SIF weights. Same input, same bytes. */
export function tableFrom(vectors: readonly Float32Array[], vocabulary: readonly Piece[], opts: DistilOptions): Uint8Array {
  const rows = vectors.filter((_, id) => id >= CONTROL_IDS);
  const teacherDims = vectors[0]?.length ?? 0;
  const p = pca(rows, teacherDims, opts.dimensions);
  const k = p.k;
  const bytes = new Uint8Array(HEADER_BYTES + vectors.length * k * 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, vectors.length, true);
  view.setUint32(8, k, true);
  const projected = new Float64Array(k);
  for (let id = CONTROL_IDS; id < vectors.length; id++) {
    const weight = opts.sif / (opts.sif + Math.exp((vocabulary[id] as Piece)[1]));
    project(p, vectors[id] as Float32Array, projected);
    const at = HEADER_BYTES + id * k * 4;
    for (let c = 0; c < k; c++) view.setFloat32(at + c * 4, (projected[c] as number) * weight, true);
  }
  return bytes;
}

/** The rows of a table file; throws on a file that is not one (or is truncated). */
export function readTable(bytes: Uint8Array): { pieces: number; dimensions: number; rows: Float32Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) throw new Error('not a distilled encoder table');
  const pieces = view.getUint32(4, true);
  const dimensions = view.getUint32(8, true);
  if (bytes.byteLength !== HEADER_BYTES + pieces * dimensions * 4) throw new Error('distilled encoder table is truncated');
  const rows = new Float32Array(pieces * dimensions);
  for (let i = 0; i < rows.length; i++) rows[i] = view.getFloat32(HEADER_BYTES + i * 4, true);
  return { pieces, dimensions, rows };
}
