import { Worker } from 'node:worker_threads';
import { USE_LITE_DIMENSIONS } from './sentence-encoder';
import type { SentenceEncoder } from './sentence-encoder';

export interface WorkerEncoder extends SentenceEncoder {
  /** Stops the thread; pending and later calls fail. */
  close(): Promise<void>;
}

type Reply = { ready: true } | { ready: false; error: string } | { id: number; vectors?: Float32Array[]; error?: string };

/**
 * The Universal Sentence Encoder lite on its own thread. Encoding a message takes 10–30 ms of
 * CPU; on the server's thread that would pause every other chat for as long. Resolves once the
 * model is loaded, rejects with the reason when it cannot be.
 */
export function useLiteInWorker(): Promise<WorkerEncoder> {
  // A plain .mjs entry registers tsx, so the worker runs the TypeScript sources like the server does;
  // the process's own flags (loaders, --input-type) are not the worker's business.
  const worker = new Worker(new URL('./encoder-worker.mjs', import.meta.url), { execArgv: [] });
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | null = null;

  const failAll = (e: Error): void => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  return new Promise<WorkerEncoder>((resolve, reject) => {
    worker.on('error', (e) => {
      failAll(new Error(`sentence encoder: ${e.message}`));
      reject(failure);
    });
    worker.on('exit', (code) => {
      failAll(new Error(`sentence encoder: its thread stopped (exit code ${code})`));
      reject(failure);
    });
    worker.on('message', (m: Reply) => {
      if ('ready' in m) {
        if (!m.ready) {
          reject(new Error(`sentence encoder: ${m.error}`));
          void worker.terminate();
          return;
        }
        // Idle, the thread must not keep the process alive; while a call waits for it, it must.
        worker.unref();
        resolve(encoder);
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
      if (m.vectors) p.resolve(m.vectors);
      else p.reject(new Error(`sentence encoder: ${m.error ?? 'no answer'}`));
    });

    const encoder: WorkerEncoder = {
      name: 'use-lite',
      dimensions: USE_LITE_DIMENSIONS,
      embed(texts: readonly string[]): Promise<Float32Array[]> {
        if (failure) return Promise.reject(failure);
        if (texts.length === 0) return Promise.resolve([]);
        const id = next++;
        return new Promise<Float32Array[]>((res, rej) => {
          pending.set(id, { resolve: res, reject: rej });
          worker.ref();
          worker.postMessage({ id, texts: [...texts] });
        });
      },
      async close(): Promise<void> {
        failAll(new Error('sentence encoder: closed'));
        await worker.terminate();
      },
    };
  });
}
