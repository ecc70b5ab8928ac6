/**
 * Long computations (building the KB index, training the intent model) written as generators that
 * `yield` at points where they may be paused. The server runs them in slices so that a reload of
 * a large KB does not freeze every chat for seconds; scripts and tests run them straight through.
 */
export type Work<T> = Generator<void, T, void>;

/** Runs the work to completion without pausing. */
export function runNow<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs the work, giving the event loop a turn whenever `sliceMs` have passed since the last one,
 * so sockets and timers are served between slices.
 */
export async function runSliced<T>(work: Work<T>, sliceMs = 15, pause: () => Promise<void> = nextTurn): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}
