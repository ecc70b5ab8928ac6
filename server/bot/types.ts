import type { Article } from './article';
import type { CalibrationReport } from './calibration/calibrator';

/** What a visitor (or an agent) may see of an article. `html` is sanitised; title/excerpt are plain text. */
export interface ArticleView {
  id: string;
  title: string;
  excerpt: string;
  url: string | null;
  html: string;
  tags: string[];
}

/** Why the bot handed (or offered to hand) the conversation to a person. */
export type EscalationReason =
  | 'asked_for_human'
  | 'low_confidence'
  | 'repeated_failure'
  | 'always_human_topic'
  | 'negative_feedback';

/** One ranked article for a query; `score` is the ranker's raw score in [0, 1], not the calibrated confidence. */
export interface Candidate {
  id: string;
  score: number;
}

export type SmalltalkReply = 'greeting' | 'thanks' | 'goodbye' | 'ack';

export type BotDecision =
  | { kind: 'smalltalk'; reply: SmalltalkReply; confidence: number }
  | { kind: 'answer'; article: ArticleView; confidence: number; candidates: Candidate[] }
  | { kind: 'suggest'; suggestions: ArticleView[]; confidence: number; candidates: Candidate[] }
  | {
      kind: 'escalate';
      reason: EscalationReason;
      /** `start`: hand over now. `offer`: "I couldn't find that — talk to a person?" */
      mode: 'start' | 'offer';
      /** The article the agent should see (always-human topics), or the best guess; null when there is none. */
      article: ArticleView | null;
      confidence: number;
      candidates: Candidate[];
    };

export interface BotTurnContext {
  /** Consecutive unhelpful rounds so far in this conversation (see `isUnhelpful`), kept by the caller. */
  unhelpfulRounds: number;
  /** Visitor locale such as `en` or `en-GB`; articles with a different `locale` are not offered. */
  locale?: string;
  /**
   * The caller's trust in an article for this question, in (0, 1] (a `TrustBook`'s `factor`: live
   * signals that it was wrong for similar questions); the best article's confidence is multiplied by it.
   */
  trust?: (articleId: string, question: string) => number;
}

export type LogLevel = 'info' | 'warn' | 'error';
export type BotLog = (level: LogLevel, msg: string) => void;

/** What a `Bot.sync` did: ids written, and ids deleted (those that existed). */
export interface SyncResult {
  upserted: string[];
  removed: string[];
}

export interface Bot {
  /** Synchronous, never throws, for any string. */
  decide(text: string, ctx: BotTurnContext): Promise<BotDecision>;
  article(id: string): ArticleView | undefined;
  articles(): ArticleView[];
  /** The article as written (front matter and Markdown body), for editing; undefined when there is none. */
  source(id: string): Article | undefined;
  /** Validates, writes `<kbDir>/<id>.md`, reindexes. Throws `BotError` (`kb_invalid_article`) on invalid input. */
  upsert(input: unknown): Promise<ArticleView>;
  /** Deletes the article's file and reindexes; false when there was no such article. */
  remove(id: string): Promise<boolean>;
  /**
   * Upserts and deletes a batch (`{ upsert?: article[], remove?: id[] }`, see `planSync`) with one
   * reindex. All or nothing on validation: throws `BotError` (`kb_invalid_article`) naming the first
   * bad entry, and writes nothing.
   */
  sync(input: unknown): Promise<SyncResult>;
  /** Number of articles being served. */
  readonly size: number;
  /** The KB's self-measurement and the operating point in use (see `BotThresholds.targetPrecision`). */
  calibration(): CalibrationReport;
  /** Resolves once the KB version being served has been measured (the eval waits for it before scoring). */
  calibrated(): Promise<CalibrationReport>;
  /** Stops the watcher. */
  close(): void;
}
