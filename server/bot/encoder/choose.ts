import type { EncoderName } from '../config';
import type { BotLog } from '../types';
import type { SentenceEncoder } from './sentence-encoder';
import { DEFAULT_DISTIL } from './distil';
import { cachedStaticEncoder, staticEncoder } from './static-table';
import { useLiteInWorker } from './worker-encoder';
import type { WorkerEncoder } from './worker-encoder';

/** The bot's sentence encoder, which may arrive after the bot has started (`static`, first start). */
export interface BotEncoder {
  /** The encoder to read with now; null: words only. */
  readonly current: SentenceEncoder | null;
  close(): void;
}

/**
 * Starts the encoder `name` names. `use-lite` is loaded before the bot starts (on its own thread).
 * `static` is read from its cached table; when there is none yet (first start), the bot starts on
 * words alone, the table is built on a worker thread, and `onLater` is called once it is there
 * (the caller re-indexes). Without the optional teacher package, `static` stays on words and says
 * so once. An encoder the caller passes in is theirs to close.
 */
export async function startEncoder(
  name: EncoderName,
  given: SentenceEncoder | undefined,
  log: BotLog,
  onLater: () => void,
  cacheDir?: string,
): Promise<BotEncoder> {
  if (name === 'none') return { current: null, close() {} };
  if (given) return { current: given, close() {} };
  if (name === 'use-lite') {
    const own: WorkerEncoder = await useLiteInWorker();
    return { current: own, close: () => void own.close() };
  }
  let closed = false;
  const state: { current: SentenceEncoder | null; close(): void } = {
    current: await cachedStaticEncoder(DEFAULT_DISTIL, cacheDir).catch((e: unknown) => {
      log('warn', `bot: the static encoder's table could not be read (${(e as Error).message}); building it again`);
      return null;
    }),
    close() {
      closed = true;
    },
  };
  if (!state.current) {
    log('info', 'bot: building the static encoder (first start); answering on words alone until it is ready');
    staticEncoder(DEFAULT_DISTIL, cacheDir).then(
      (encoder) => {
        if (closed) return;
        state.current = encoder;
        log('info', 'bot: the static encoder is ready');
        onLater();
      },
      (e: unknown) => log('warn', `bot: no static encoder, answering on words alone: ${(e as Error).message}`),
    );
  }
  return state;
}
