import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArticleId, parseArticleInput, serialiseArticle } from './article';
import type { Article } from './article';
import { planSync } from './sync';
import { resolveThresholds } from './config';
import type { BotThresholds, BotThresholdsInput } from './config';
import { BotError, BotErrorCode } from './errors';
import { KbSnapshot } from './kb';
import { KbLoader } from './loader';
import { runNow, runSliced } from './sliced';
import { decide, questionOf } from './policy';
import { IntentModel } from './intent-model';
import type { Meanings } from './intent-model';
import { MeaningCache } from './encoder/meanings';
import type { SentenceEncoder } from './encoder/sentence-encoder';
import { startEncoder } from './encoder/choose';
import { startWordTable } from './encoder/word-table';
import { Calibrator } from './calibration/calibrator';
import type { ArticleView, Bot, BotDecision, BotLog, BotTurnContext, SyncResult } from './types';

export interface BotOptions {
  /** Folder of Markdown articles (`KB_DIR`). */
  kbDir: string;
  /** Reload when files in `kbDir` change (default true). */
  watch?: boolean;
  /** Overrides of `DEFAULT_THRESHOLDS`; validated, throws `BotError` when invalid. */
  thresholds?: BotThresholdsInput;
  /** Where load problems and reloads are reported (default: console). */
  log?: BotLog;
  /** Quiet period after the last file event before reloading, in ms (default 150). */
  debounceMs?: number;
  /** The sentence encoder when `thresholds.encoder` names one (default: that encoder on its own thread, loaded on start). */
  encoder?: SentenceEncoder;
  /** Where the `static` encoder's table is cached (default: `node_modules/.cache/deflect-chat`). */
  encoderCacheDir?: string;
  /**
   * The meaning check at the fixed point (`foreign.ts`), with the distilled encoder's table (read
   * from `encoderCacheDir`, built there on a first start). Default true; false: words only.
   */
  meaningCheck?: boolean;
  /** Where the KB's self-measurement is stored by content hash (the server: `DATA_DIR/bot`); none: measured at every start. */
  calibrationCacheDir?: string;
  /** `worker` (default): the self-measurement runs on its own thread; `inline`: on this one (tests). */
  calibrate?: 'worker' | 'inline';
}

const defaultLog: BotLog = (level, msg) => console[level === 'info' ? 'log' : level](msg);

/** Loads the KB folder, builds the index and returns the bot; keeps it in sync with the folder. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const thresholds: BotThresholds = resolveThresholds(options.thresholds);
  const log = options.log ?? defaultLog;
  const loader = new KbLoader(options.kbDir, log);
  // A static encoder built after the start re-indexes the KB with it (`indexed` null forces the rebuild).
  const encoding = await startEncoder(thresholds.encoder, options.encoder, log, () => {
    indexed = null;
    reload().catch((e: unknown) => log('error', `KB: reload failed: ${(e as Error).message}`));
  }, options.encoderCacheDir);
  // The same for the meaning check's table; `calibrated()` waits for it.
  const words =
    options.meaningCheck === false
      ? null
      : await startWordTable(log, async () => {
          indexed = null;
          await reload().catch((e: unknown) => log('error', `KB: reload failed: ${(e as Error).message}`));
        }, options.encoderCacheDir);
  let meaningCache: MeaningCache | null = null;
  /** The encoder reads titles and example questions, and only for KBs that train the intent model. */
  const meaningsOf = async (articles: readonly Article[]): Promise<Meanings | null> => {
    const encoder = encoding.current;
    if (!encoder || !IntentModel.wouldTrain(articles, { minQuestions: thresholds.ranker.encoderMinQuestions })) return null;
    if (meaningCache?.encoder !== encoder) meaningCache = new MeaningCache(encoder);
    return meaningCache.prepare(articles.flatMap((a) => [a.title, ...a.questions]));
  };
  /** The message's vector; null (words only) when the encoder fails, so the bot keeps answering. */
  const meaningOf = async (enc: SentenceEncoder, question: string): Promise<Float32Array | null> => {
    try {
      return (await enc.embed([question]))[0] ?? null;
    } catch (e) {
      log('error', `bot: ${(e as Error).message}; deciding on the words alone`);
      return null;
    }
  };
  const calibrator = new Calibrator({ thresholds, log, cacheDir: options.calibrationCacheDir, run: options.calibrate });
  let snapshot = runNow(KbSnapshot.build([], null, thresholds));
  let files = new Map<string, string>();
  /** Fingerprint of the folder the current snapshot was built from (null before the first load). */
  let indexed: string | null = null;

  let running: Promise<void> | null = null;
  let again = false;
  /** Serialised: a reload requested while one runs starts once it finishes, so the last write always wins. */
  const reload = async (): Promise<void> => {
    if (running) {
      again = true;
      while (running) await running;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const started = performance.now();
        const loaded = await loader.load();
        // The watcher also fires for the bot's own writes, which were indexed already.
        if (loaded.fingerprint === indexed) continue;
        // In slices: chats keep being served while a large KB is indexed (the old snapshot answers meanwhile).
        const articles = loaded.articles.map((a) => a.article);
        const meanings = await meaningsOf(articles);
        snapshot = await runSliced(KbSnapshot.build(articles, loaded.synonyms, thresholds, meanings, words?.current ?? null));
        // The fixed operating point at once; the KB's own, measured off the event loop, when it is ready.
        calibrator.start(articles, loaded.synonyms, snapshot, meanings);
        files = new Map(loaded.articles.map((a) => [a.article.id, a.file]));
        indexed = loaded.fingerprint;
        log('info', `KB: ${snapshot.size} articles from ${options.kbDir} indexed in ${Math.round(performance.now() - started)} ms`);
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  await reload();

  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (options.watch !== false) {
    try {
      // Watching the folder (not the files) also sees editors that save by writing a temp file and renaming it.
      watcher = watch(options.kbDir, { persistent: false }, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          reload().catch((e: unknown) => log('error', `KB: reload failed: ${(e as Error).message}`));
        }, options.debounceMs ?? 150);
      });
      watcher.on('error', (e) => log('error', `KB: watcher stopped: ${e.message}`));
    } catch (e) {
      log('warn', `KB: not watching ${options.kbDir}: ${(e as Error).message}`);
    }
  }

  /** Writes the article's Markdown file atomically (temp file + rename); the caller reloads. */
  const write = async (article: Article): Promise<void> => {
    const file = files.get(article.id) ?? `${article.id}.md`;
    await mkdir(options.kbDir, { recursive: true });
    const temp = join(options.kbDir, `.${file}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, serialiseArticle(article), 'utf8');
    await rename(temp, join(options.kbDir, file));
  };

  /** Deletes the article's file, if it has one; the caller reloads. */
  const unlinkArticle = async (id: string): Promise<boolean> => {
    const file = files.get(id);
    if (!file) return false;
    try {
      await unlink(join(options.kbDir, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return true;
  };

  const viewOf = (id: string): ArticleView | undefined => {
    const i = snapshot.indexOf(id);
    return i === undefined ? undefined : snapshot.views[i];
  };

  return {
    async decide(text: string, ctx: BotTurnContext): Promise<BotDecision> {
      try {
        // The snapshot in use when the message arrived answers it, even if a reload swaps it meanwhile.
        const kb = snapshot;
        const encoder = encoding.current;
        const point = calibrator.point;
        const meaning = encoder && kb.readsMeaning ? await meaningOf(encoder, questionOf(text, thresholds)) : null;
        return decide(text, ctx, kb, thresholds, meaning, point);
      } catch (e) {
        // The contract is "never throws": a bug here must cost one turn, not the conversation.
        log('error', `bot: decide failed: ${(e as Error).stack ?? String(e)}`);
        return { kind: 'escalate', reason: 'low_confidence', mode: 'offer', article: null, confidence: 0, candidates: [] };
      }
    },
    article: viewOf,
    articles: () => [...snapshot.views],
    source(id: string): Article | undefined {
      const i = snapshot.indexOf(id);
      return i === undefined ? undefined : snapshot.articles[i];
    },
    async upsert(input: unknown): Promise<ArticleView> {
      const parsed = parseArticleInput(input);
      if (!parsed.ok) throw new BotError(BotErrorCode.invalidArticle, parsed.error, parsed.fields);
      await write(parsed.article);
      await reload();
      const view = viewOf(parsed.article.id);
      if (!view) throw new BotError(BotErrorCode.invalidArticle, `article "${parsed.article.id}" was written but did not load`);
      return view;
    },
    async remove(id: string): Promise<boolean> {
      if (!ArticleId.safeParse(id).success) return false;
      const removed = await unlinkArticle(id);
      if (removed) await reload();
      return removed;
    },
    async sync(input: unknown): Promise<SyncResult> {
      const plan = planSync(input);
      if (!plan.ok) throw new BotError(BotErrorCode.invalidArticle, plan.error);
      for (const article of plan.upsert) await write(article);
      const removed: string[] = [];
      for (const id of plan.remove) if (await unlinkArticle(id)) removed.push(id);
      // One rebuild for the whole batch: a help-centre sync of 1,000 articles must not rebuild 1,000 times.
      await reload();
      const missing = plan.upsert.find((a) => !viewOf(a.id));
      if (missing) throw new BotError(BotErrorCode.invalidArticle, `article "${missing.id}" was written but did not load`);
      return { upserted: plan.upsert.map((a) => a.id), removed };
    },
    get size() {
      return snapshot.size;
    },
    calibration: () => calibrator.report(),
    calibrated: async () => {
      await words?.ready;
      return calibrator.settled();
    },
    close() {
      calibrator.close();
      if (timer) clearTimeout(timer);
      timer = null;
      watcher?.close();
      watcher = null;
      encoding.close();
      words?.close();
    },
  };
}
