import type { Article } from './article';
import type { Meanings } from './intent-model';
import type { BotThresholds } from './config';
import type { RankedKb } from './policy';
import { Ranker } from './ranker';
import type { Ranked } from './ranker';
import { excerpt, renderArticle } from './render';
import type { RenderedArticle } from './render';
import type { Work } from './sliced';
import { mergeSynonyms } from './synonyms';
import type { SynonymsFile } from './synonyms';
import { Analyzer } from './text';
import type { ArticleView } from './types';
import type { Support } from './vocabulary';
import { ForeignWords } from './foreign';
import type { WordEncoder } from './foreign';

/** Tag that sends a topic to a person even when the bot is sure (refunds, legal requests). */
export const ALWAYS_HUMAN_TAG = 'always-human';

function language(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** An immutable, searchable snapshot of the KB. A reload builds a new one and swaps it in. */
export class KbSnapshot implements RankedKb {
  readonly views: ArticleView[];
  private readonly byId = new Map<string, number>();
  private readonly human: boolean[];
  private readonly langs: (string | null)[];

  /** Renders and indexes the articles; pauses (yields) along the way (see `sliced.ts`). */
  static *build(
    articles: readonly Article[],
    synonyms: SynonymsFile | null,
    thresholds: BotThresholds,
    meanings: Meanings | null = null,
    /** The distilled encoder's word vectors, for the meaning check at the fixed point (`foreign.ts`); null: no check. */
    words: WordEncoder | null = null,
  ): Work<KbSnapshot> {
    const rendered: RenderedArticle[] = [];
    for (const [i, a] of articles.entries()) {
      rendered.push(renderArticle(a.body));
      if ((i & 63) === 63) yield;
    }
    const analyzer = new Analyzer(mergeSynonyms(synonyms));
    const ranker = yield* Ranker.build(
      articles.map((article, i) => ({ article, plain: rendered[i]?.text ?? '' })),
      analyzer,
      thresholds.ranker,
      meanings,
    );
    const { foreignSimilarity: similarity, foreignWeight: weight } = thresholds.support;
    const foreign = words
      ? yield* ForeignWords.build(
          articles.map((_, i) => ranker.wordsOf(i)),
          words,
          { similarity, weight },
        )
      : null;
    return new KbSnapshot(articles, rendered, ranker, foreign);
  }

  private constructor(
    readonly articles: readonly Article[],
    rendered: readonly RenderedArticle[],
    private readonly ranker: Ranker,
    private readonly foreignWords: ForeignWords | null = null,
  ) {
    this.views = articles.map((a, i) => {
      const view = { id: a.id, title: a.title, excerpt: excerpt(rendered[i]?.lead ?? ''), url: a.url, html: '', tags: a.tags };
      const html = rendered[i]?.html;
      // An own, enumerable getter: JSON and object spread see `html` like a plain field.
      if (html) Object.defineProperty(view, 'html', { get: html, enumerable: true });
      return view;
    });
    articles.forEach((a, i) => this.byId.set(a.id, i));
    this.human = articles.map((a) => a.tags.includes(ALWAYS_HUMAN_TAG));
    this.langs = articles.map((a) => (a.locale ? language(a.locale) : null));
  }

  get size(): number {
    return this.views.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  rank(text: string, limit: number, locale: string | undefined, meaning: Float32Array | null = null): Ranked[] {
    if (!locale) return this.ranker.rank(text, limit, undefined, meaning);
    const lang = language(locale);
    const allowed = (i: number): boolean => {
      const l = this.langs[i];
      return l === null || l === undefined || l === lang;
    };
    return this.ranker.rank(text, limit, allowed, meaning);
  }

  support(text: string, index: number): Support {
    return this.ranker.support(text, index);
  }

  /** Whether the meaning check can run (the distilled encoder was there when the KB was indexed). */
  get checksMeaning(): boolean {
    return this.foreignWords !== null;
  }

  foreign(missing: readonly string[], index: number): string | null {
    return this.foreignWords?.foreign(missing, index) ?? null;
  }

  view(index: number): ArticleView {
    const v = this.views[index];
    if (!v) throw new RangeError(`no article at index ${index}`);
    return v;
  }

  get trained(): boolean {
    return this.ranker.trained;
  }

  get readsMeaning(): boolean {
    return this.ranker.readsMeaning;
  }

  alwaysHuman(index: number): boolean {
    return this.human[index] === true;
  }
}
