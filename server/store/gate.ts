import { AppError } from '../../shared/errors';
import { recordStage } from './stage-timings';

export interface GateOptions {
  /** Statements or transactions running at once (the pool's connections). */
  permits: number;
  /** Callers that may wait for a permit; one more is refused at once with `busy`. */
  maxWaiting: number;
  /** A caller that has waited this long gives up with `busy` (nothing of its work was done). */
  maxWaitMs: number;
}

interface Waiter {
  grant(): void;
  timer: NodeJS.Timeout;
}

/**
 * Backpressure in front of the database: at most `permits` units of work run, the rest wait in order.
 * Under overload visitors see slower acks; only past the bounds does a caller get `busy` (before any of
 * its work ran, so nothing is half done and nothing acked is lost), instead of `unavailable` after the
 * pool's connection timeout.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly options: GateOptions) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const asked = performance.now();
    await this.acquire();
    recordStage('pool.wait', performance.now() - asked);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.options.permits) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.maxWaiting) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(busy());
        }, this.options.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.grant(); // the permit passes straight to the next in line
    else this.running--;
  }
}

const busy = () => new AppError('busy', 'the server is busy; nothing was saved, please retry in a moment');
