import MiniSearch from 'minisearch';
import type { Article } from './article';
import type { Analysis, Analyzer } from './text';
import { NaiveBayes } from './bayes';
import { IntentModel } from './intent-model';
import type { Meanings } from './intent-model';
import { passages } from './render';
import type { Work } from './sliced';
import { DotIndex, groupSums, unit } from './dot-index';
import { Vectorizer } from './vectors';
import type { Counts } from './term-counter';
import type { SparseVector } from './vectors';
import type { RankerConfig } from './ranker-config';
import { Vocabulary } from './vocabulary';
import type { Support } from './vocabulary';

export interface IndexedArticle {
  article: Article;
  /** Plain text of the body. */
  plain: string;
}

export interface Ranked {
  index: number;
  score: number;
  /**
   * On the best article of a KB with the intent model trained: whether the model on its own also
   * puts this article first. Two different views agreeing is a strong sign the answer is right.
   */
  agrees?: boolean;
}

interface Example {
  article: number;
  weight: number;
}

/** A claim (sigmoid of the decision value) from which a model that reads meaning puts an article in the running. */
const MEANING_CLAIM = 0.3;

const SYSTEM_TAGS = new Set(['always-human']);

export class Ranker {
  // Assigned by `build`, which may pause between steps (see `sliced.ts`).
  private readonly vectorizer: Vectorizer;
  private readonly vocabulary: Vocabulary;
  private readonly examples: Example[] = [];
  private exampleIndex!: DotIndex;
  private centroidIndex!: DotIndex;
  private search!: MiniSearch;
  private bayes!: NaiveBayes;
  private model: IntentModel | null = null;
  private readonly nearest: Float32Array;
  private readonly central: Float32Array;
  private readonly lexical: Float32Array;
  private readonly posterior: Float32Array;
  private readonly linearPosterior: Float32Array;
  private hasVector = false;
  private hasModelVector = false;
  /** The last ranked text and its analysis (with run-together words split), for `support`. */
  private last: { text: string; split: Analysis } | null = null;

  private constructor(
    articles: number,
    private readonly analyzer: Analyzer,
    private readonly cfg: RankerConfig,
  ) {
    this.vectorizer = new Vectorizer(cfg.features);
    this.vocabulary = new Vocabulary(this.vectorizer, (w) => analyzer.fold(w), cfg.typoMinLength);
    this.nearest = new Float32Array(articles);
    this.central = new Float32Array(articles);
    this.lexical = new Float32Array(articles);
    this.posterior = new Float32Array(articles);
    this.linearPosterior = new Float32Array(articles);
  }

  /** Indexes the articles; pauses (yields) between steps and every few hundred texts. */
  static *build(docs: readonly IndexedArticle[], analyzer: Analyzer, cfg: RankerConfig, meanings: Meanings | null = null): Work<Ranker> {
    const r = new Ranker(docs.length, analyzer, cfg);
    yield* r.index(docs, meanings);
    return r;
  }

  private *index(docs: readonly IndexedArticle[], meanings: Meanings | null): Work<void> {
    const { analyzer, cfg, vectorizer, vocabulary, examples } = this;
    const raws: Counts[] = [];
    let sinceYield = 0;
    for (const [a, { article, plain }] of docs.entries()) {
      const add = (text: string, weight: number): void => {
        sinceYield++;
        const analysis = analyzer.analyze(text);
        const raw = vectorizer.count(analysis);
        vocabulary.add(a, analysis, raw);
        if (raw.ids.length === 0) return;
        raws.push(raw);
        examples.push({ article: a, weight });
      };
      add(article.title, 1);
      for (const q of article.questions) add(q, 1);
      const tags = article.tags.filter((t) => !SYSTEM_TAGS.has(t));
      if (tags.length) add(tags.join(' ').replace(/[-_]/g, ' '), cfg.bodyWeight);
      for (const p of passages(plain)) add(p, cfg.bodyWeight);
      if (sinceYield >= 400) {
        sinceYield = 0;
        yield;
      }
    }
    vectorizer.fit(raws, examples.map((e) => e.article));
    vocabulary.freeze();
    yield;
    const vectors: SparseVector[] = [];
    for (const r of raws) {
      vectors.push(vectorizer.transform(r));
      if ((vectors.length & 1023) === 0) yield;
    }
    this.exampleIndex = new DotIndex(vectors, vectorizer.dimensions);
    yield;
    const labels = examples.map((e) => e.article);
    const dims = vectorizer.dimensions;
    const sums = groupSums(vectors, labels, examples.map((e) => e.weight), docs.length, dims);
    yield;
    this.centroidIndex = new DotIndex(sums.weighted.map(unit), dims);
    this.bayes = new NaiveBayes(sums.plain, dims, cfg.bayesAlpha);
    yield;
    if (cfg.linear > 0) {
      this.model = yield* IntentModel.train(
        docs.map((d) => d.article),
        (t) => analyzer.tokenize(t),
        {
          minQuestions: meanings ? cfg.encoderMinQuestions : cfg.linearMinQuestions,
          c: cfg.linearC,
          temperature: cfg.linearTemperature,
          meaningWeight: cfg.encoderWeight,
        },
        meanings,
      );
    }
    this.search = new MiniSearch({
      fields: ['title', 'questions', 'tags', 'body'],
      storeFields: [],
      tokenize: (t) => analyzer.tokenize(t),
      processTerm: (t) => analyzer.processTerm(t),
    });
    let chars = 0;
    for (const [i, { article, plain }] of docs.entries()) {
      const questions = article.questions.join('\n');
      this.search.add({
        id: i,
        title: article.title,
        questions,
        tags: article.tags.filter((t) => !SYSTEM_TAGS.has(t)).join(' ').replace(/[-_]/g, ' '),
        body: plain,
      });
      chars += questions.length + plain.length;
      if (chars > 100_000) {
        chars = 0;
        yield;
      }
    }
  }

  /** Whether the intent model was trained (enough example questions per article). */
  get trained(): boolean {
    return this.model !== null;
  }

  /** Whether this message is read by meaning too: the model reads encoder vectors and one was given. */
  private byMeaning(meaning: Float32Array | null): boolean {
    return meaning !== null && this.readsMeaning;
  }

  /** Whether the intent model also reads a sentence encoder's vector of the message (`rank`'s `meaning`). */
  get readsMeaning(): boolean {
    return this.model?.readsMeaning === true;
  }

  /**
   * Fills the per-article signal arrays for the text and returns the articles that have any; the
   * caller must reset them (see `rank`).
   */
  private collect(text: string, meaning: Float32Array | null): Set<number> {
    const { nearest, central, lexical, cfg } = this;
    const touched = new Set<number>();
    const tokens = this.analyzer.tokenize(text);
    const analysis = this.analyzer.analyzeTokens(tokens);
    const split = this.vocabulary.split(analysis);
    this.last = { text, split };
    const q = this.vectorizer.transform(this.vectorizer.count(this.vocabulary.correct(split, cfg.correctMinLength)));
    this.hasVector = q.ids.length > 0;
    if (q.ids.length) {
      this.exampleIndex.forEachDot(q, (doc, dot) => {
        const ex = this.examples[doc] as Example;
        const s = dot * ex.weight;
        if (s > (nearest[ex.article] as number)) nearest[ex.article] = s;
        touched.add(ex.article);
      });
      this.centroidIndex.forEachDot(q, (a, dot) => {
        central[a] = dot;
        touched.add(a);
      });
      if (cfg.bayes > 0) this.bayes.posterior(q, this.posterior);
    }
    this.hasModelVector = this.model ? this.model.claims(tokens, this.linearPosterior, meaning) : false;
    // A model that reads the message's meaning may claim an article the message shares no word with.
    if (this.hasModelVector && this.byMeaning(meaning)) {
      this.linearPosterior.forEach((p, a) => {
        if (p >= MEANING_CLAIM) touched.add(a);
      });
    }
    if (cfg.search > 0) {
      const fuzzy = cfg.fuzzy;
      // Compounds split ("giftcard" → gift card) are searched as the words they stand for.
      const hits = this.search.search(split === analysis ? text : split.words.join(' '), {
        boost: cfg.boost,
        // Fuzzy matching is for typos: a word the KB already contains is matched exactly, which is also much faster.
        fuzzy: (term) => (term.length >= 5 && !this.vectorizer.knows(term) ? fuzzy : false),
        combineWith: 'OR',
      });
      for (const h of hits) {
        const a = h.id as number;
        lexical[a] = h.score / (h.score + cfg.searchHalf);
        touched.add(a);
      }
    }
    return touched;
  }

  /** The article the intent model alone claims most strongly for the last ranked text. */
  private modelFavourite(allowed?: (index: number) => boolean): number {
    const p = this.linearPosterior;
    let best = -1;
    for (let a = 0; a < p.length; a++) {
      if ((best < 0 || (p[a] as number) > (p[best] as number)) && (!allowed || allowed(a))) best = a;
    }
    return best;
  }

  /** The content words the article's texts use, as written (for the meaning check). */
  wordsOf(index: number): string[] {
    return this.vocabulary.wordsOf(index);
  }

  /** What the article at `index` has in common with the text (see `Support`). */
  support(text: string, index: number): Support {
    // The policy asks right after ranking the same text: reuse its analysis.
    const split = this.last?.text === text ? this.last.split : this.vocabulary.split(this.analyzer.analyze(text));
    return this.vocabulary.support(split, index);
  }

  /**
   * Best articles for the text, highest score first; `allowed` filters by article index; `meaning`
   * is the sentence encoder's vector of the text, when the model reads one.
   */
  rank(text: string, limit: number, allowed?: (index: number) => boolean, meaning: Float32Array | null = null): Ranked[] {
    const { nearest, central, lexical, cfg } = this;
    const touched = this.collect(text, meaning);
    const byMeaning = this.byMeaning(meaning);
    const linear = this.hasModelVector ? cfg.linear : 0;
    const bayes = this.hasVector ? cfg.bayes : 0;
    const total = cfg.nearest + cfg.centroid + cfg.search + cfg.bayes + (this.model ? cfg.linear : 0);
    const out: Ranked[] = [];
    for (const a of touched) {
      // The posteriors sum to 1 even for nonsense, so they count fully only where the text resembles the article.
      const gate = Math.min(1, Math.max(nearest[a] as number, central[a] as number) / cfg.bayesGate);
      // Read by meaning too, the model's claim stands on its own; on words alone it needs resemblance.
      const linearGate = byMeaning ? 1 : gate;
      const score =
        (cfg.nearest * (nearest[a] as number) +
          cfg.centroid * (central[a] as number) +
          cfg.search * (lexical[a] as number) +
          gate * bayes * (this.posterior[a] as number) +
          linearGate * linear * (this.linearPosterior[a] as number)) /
        total;
      nearest[a] = 0;
      central[a] = 0;
      lexical[a] = 0;
      if (allowed && !allowed(a)) continue;
      out.push({ index: a, score: Math.min(1, score) });
    }
    out.sort((x, y) => y.score - x.score);
    const best = out[0];
    if (best && linear > 0) best.agrees = this.modelFavourite(allowed) === best.index;
    return out.slice(0, limit);
  }
}
