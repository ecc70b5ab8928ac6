import { parentPort } from 'node:worker_threads';
import { useLite } from './sentence-encoder';

/**
 * The sentence encoder's thread (see `worker-encoder.ts`): loads the model, says when it is ready
 * (or why it is not), then answers `{ id, texts }` with `{ id, vectors }` or `{ id, error }`.
 */
const port = parentPort;
if (port) {
  useLite().then(
    (encoder) => {
      port.postMessage({ ready: true });
      port.on('message', (m: { id: number; texts: string[] }) => {
        encoder.embed(m.texts).then(
          (vectors) => port.postMessage({ id: m.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer)),
          (e: unknown) => port.postMessage({ id: m.id, error: (e as Error).message }),
        );
      });
    },
    (e: unknown) => port.postMessage({ ready: false, error: (e as Error).message }),
  );
}
