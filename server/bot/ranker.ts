import MiniSearch from 'minisearch';
import type { Article } from './article';
import type { Analyzer } from './text';
import { NaiveBayes } from './bayes';
import { DotIndex, Vectorizer, centroid } from './vectors';
import type { FeatureWeights, SparseVector } from './vectors';

/** How articles are scored against a message. All weights are relative; see docs/BOT.md. */
export interface RankerConfig {
  features: FeatureWeights;
  /** Blend weight of the nearest example phrasing (title, a question, a body passage). */
  nearest: number;
  /** Blend weight of the similarity to the article's centroid (all its phrasings together). */
  centroid: number;
  /** Blend weight of MiniSearch's BM25 score (title/questions/tags/body, fuzzy), saturated. */
  search: number;
  /** Blend weight of the naive-Bayes posterior (a model trained at load time on the phrasings). */
  bayes: number;
  /**
   * The posterior always sums to 1, even for a message that matches nothing; its weight is scaled
   * down when the best phrasing similarity of the article is below this value.
   */
  bayesGate: number;
  /** Softmax temperature of the naive-Bayes posterior; higher is flatter. */
  bayesTemperature: number;
  /** Additive smoothing of the naive-Bayes counts. */
  bayesAlpha: number;
  /** BM25 score at which the search component reaches half its weight. */
  searchHalf: number;
  /** Body passages and tags count this much relative to a title or an example question. */
  bodyWeight: number;
  /** MiniSearch field boosts. */
  boost: { title: number; questions: number; tags: number; body: number };
  /** MiniSearch fuzziness (fraction of term length) for terms of 5+ characters. */
  fuzzy: number;
}

export interface IndexedArticle {
  article: Article;
  /** Plain text of the body. */
  plain: string;
}

export interface Ranked {
  index: number;
  score: number;
}

interface Example {
  article: number;
  weight: number;
}

/** Body text split into passages of one or two sentences, each a phrasing the article answers. */
function passages(plain: string): string[] {
  const sentences = plain.split(/(?<=[.!?:])\s+/).filter((s) => /[\p{L}\p{N}]{2}/u.test(s));
  const out: string[] = [];
  for (let i = 0; i < sentences.length && out.length < 40; i += 2) out.push(sentences.slice(i, i + 2).join(' '));
  return out;
}

const SYSTEM_TAGS = new Set(['always-human']);

export class Ranker {
  private readonly vectorizer: Vectorizer;
  private readonly examples: Example[] = [];
  private readonly exampleIndex: DotIndex;
  private readonly centroidIndex: DotIndex;
  private readonly search: MiniSearch;
  private readonly nearest: Float32Array;
  private readonly central: Float32Array;
  private readonly lexical: Float32Array;
  private readonly bayes: NaiveBayes;
  private readonly posterior: Float32Array;

  constructor(
    docs: readonly IndexedArticle[],
    private readonly analyzer: Analyzer,
    private readonly cfg: RankerConfig,
  ) {
    this.vectorizer = new Vectorizer(cfg.features);
    const raws: Map<number, number>[] = [];
    docs.forEach(({ article, plain }, a) => {
      const add = (text: string, weight: number): void => {
        const raw = this.vectorizer.count(analyzer.analyze(text));
        if (raw.size === 0) return;
        raws.push(raw);
        this.examples.push({ article: a, weight });
      };
      add(article.title, 1);
      for (const q of article.questions) add(q, 1);
      const tags = article.tags.filter((t) => !SYSTEM_TAGS.has(t));
      if (tags.length) add(tags.join(' ').replace(/[-_]/g, ' '), cfg.bodyWeight);
      for (const p of passages(plain)) add(p, cfg.bodyWeight);
    });
    this.vectorizer.fit(raws, this.examples.map((e) => e.article));
    const vectors = raws.map((r) => this.vectorizer.transform(r));
    this.exampleIndex = new DotIndex(vectors, this.vectorizer.dimensions);
    const perArticle: { v: SparseVector; weight: number }[][] = docs.map(() => []);
    vectors.forEach((v, i) => {
      const ex = this.examples[i] as Example;
      perArticle[ex.article]?.push({ v, weight: ex.weight });
    });
    this.centroidIndex = new DotIndex(perArticle.map(centroid), this.vectorizer.dimensions);
    this.bayes = new NaiveBayes(vectors, this.examples.map((e) => e.article), docs.length, this.vectorizer.dimensions, cfg.bayesAlpha);
    this.posterior = new Float32Array(docs.length);

    this.search = new MiniSearch({
      fields: ['title', 'questions', 'tags', 'body'],
      storeFields: [],
      tokenize: (t) => analyzer.tokenize(t),
      processTerm: (t) => analyzer.processTerm(t),
    });
    this.search.addAll(
      docs.map(({ article, plain }, i) => ({
        id: i,
        title: article.title,
        questions: article.questions.join('\n'),
        tags: article.tags.filter((t) => !SYSTEM_TAGS.has(t)).join(' ').replace(/[-_]/g, ' '),
        body: plain,
      })),
    );
    this.nearest = new Float32Array(docs.length);
    this.central = new Float32Array(docs.length);
    this.lexical = new Float32Array(docs.length);
  }

  /** Best articles for the text, highest score first; `allowed` filters by article index. */
  rank(text: string, limit: number, allowed?: (index: number) => boolean): Ranked[] {
    const { nearest, central, lexical, cfg } = this;
    const touched = new Set<number>();
    const q = this.vectorizer.transform(this.vectorizer.count(this.analyzer.analyze(text)));
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
      if (cfg.bayes > 0) this.bayes.posterior(q, cfg.bayesTemperature, this.posterior);
    }
    if (cfg.search > 0) {
      const fuzzy = cfg.fuzzy;
      const hits = this.search.search(text, {
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
    const total = cfg.nearest + cfg.centroid + cfg.search + cfg.bayes;
    const bayes = q.ids.length && cfg.bayes > 0 ? this.posterior : null;
    const out: Ranked[] = [];
    for (const a of touched) {
      const score =
        (cfg.nearest * (nearest[a] as number) +
          cfg.centroid * (central[a] as number) +
          cfg.search * (lexical[a] as number) +
          cfg.bayes * (bayes ? (bayes[a] as number) * Math.min(1, Math.max(nearest[a] as number, central[a] as number) / cfg.bayesGate) : 0)) /
        total;
      nearest[a] = 0;
      central[a] = 0;
      lexical[a] = 0;
      if (allowed && !allowed(a)) continue;
      out.push({ index: a, score: Math.min(1, score) });
    }
    out.sort((x, y) => y.score - x.score);
    return out.slice(0, limit);
  }
}
