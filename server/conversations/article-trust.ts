import { TrustBook } from '../bot/index';
import type { LostTrust, TrustSource } from '../bot/index';
import type { Store } from '../store/store';

/** Strikes older than this are forgotten: an article rewritten since then deserves a fresh start. */
const REMEMBER_MS = 90 * 24 * 3600_000;

export interface Strike {
  siteId: string;
  conversationId: string;
  /** The bot answer's message seq. */
  messageSeq: number;
  articleId: string;
  source: TrustSource;
  /** The visitor or agent who said it was wrong. */
  actorId: string;
}

/**
 * Live learning for the bot (docs/BOT.md, *Learning from live traffic*): a visitor's "No, that
 * didn't help", a handover asked for right after an answer, and an agent marking an answer wrong
 * are stored (`bot_trust_strikes`) and kept in one `TrustBook` per site, which the bot's turn
 * passes to `decide`. Each node reads the table when it starts and adds its own strikes as they
 * come; strikes recorded by other nodes are seen after their next start.
 */
export class ArticleTrust {
  private readonly books = new Map<string, TrustBook>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the remembered strikes. */
  async load(): Promise<void> {
    this.books.clear();
    for (const s of await this.store.trust.since(this.now() - REMEMBER_MS)) {
      this.book(s.siteId).add({ articleId: s.articleId, source: s.source, actor: s.actorId, question: s.question, at: s.at });
    }
  }

  private book(siteId: string): TrustBook {
    let b = this.books.get(siteId);
    if (!b) {
      b = new TrustBook();
      this.books.set(siteId, b);
    }
    return b;
  }

  /** The site's trust for `BotTurnContext.trust`. */
  forSite(siteId: string): (articleId: string, question: string) => number {
    const book = this.books.get(siteId);
    return book ? (articleId, question) => book.factor(articleId, question) : () => 1;
  }

  /**
   * Records that the answer at `messageSeq` was wrong for the visitor's question before it. False
   * when there is no such question or this answer already has a strike from this source.
   */
  async strike(s: Strike): Promise<boolean> {
    const question = await this.store.trust.questionBefore(s.conversationId, s.messageSeq);
    if (question === undefined) return false;
    const stored = await this.store.trust.add({ ...s, question });
    if (!stored) return false;
    this.book(s.siteId).add({ articleId: s.articleId, source: s.source, actor: s.actorId, question, at: stored.at });
    return true;
  }

  /** Articles that lost trust on a site (or all sites), most lost first. */
  lost(siteId?: string): (LostTrust & { siteId: string })[] {
    const out: (LostTrust & { siteId: string })[] = [];
    for (const [site, book] of this.books) if (!siteId || site === siteId) out.push(...book.lost().map((l) => ({ ...l, siteId: site })));
    return out.sort((a, b) => a.lowest - b.lowest || b.lastAt - a.lastAt);
  }
}
