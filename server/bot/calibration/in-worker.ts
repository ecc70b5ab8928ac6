import { Worker } from 'node:worker_threads';
import type { CalibrationJob, CalibrationReply } from './worker';
import type { KbCalibration } from './self-calibrate';

export interface CalibrationTask {
  result: Promise<KbCalibration>;
  /** Stops the thread (a newer KB version made this one moot); `result` then rejects. */
  cancel(): void;
}

/**
 * Runs `selfCalibrate` on its own thread: it rebuilds the KB several times (seconds of CPU on a
 * large KB), and chats must keep flowing on the server's thread meanwhile.
 */
export function calibrateInWorker(job: CalibrationJob): CalibrationTask {
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { execArgv: [] });
  let settled = false;
  const result = new Promise<KbCalibration>((resolve, reject) => {
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    worker.on('error', (e) => fail(new Error(`KB calibration: ${e.message}`)));
    worker.on('exit', (code) => fail(new Error(`KB calibration: its thread stopped (exit code ${code})`)));
    worker.once('message', (m: CalibrationReply) => {
      if ('calibration' in m) {
        settled = true;
        resolve(m.calibration);
      } else fail(new Error(`KB calibration: ${m.error}`));
      void worker.terminate();
    });
  });
  worker.postMessage(job);
  return {
    result,
    cancel: () => {
      void worker.terminate();
    },
  };
}
