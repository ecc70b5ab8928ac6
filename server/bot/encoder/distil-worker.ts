import { parentPort, workerData } from 'node:worker_threads';
import { tableFrom, teacherVectors } from './distil';
import type { DistilOptions } from './distil';
import { USE_LITE_DIMENSIONS, useLite } from './sentence-encoder';

/** The distillation's thread (see `static-table.ts`): builds one table and posts it (or why it could not). */
const port = parentPort;
if (port) {
  const opts = workerData as DistilOptions;
  (async () => {
    const teacher = await useLite();
    const vectors = await teacherVectors(teacher, USE_LITE_DIMENSIONS);
    return tableFrom(vectors, teacher.vocabulary, opts);
  })().then(
    (table) => port.postMessage({ table }, [table.buffer as ArrayBuffer]),
    (e: unknown) => port.postMessage({ error: (e as Error).message }),
  );
}
