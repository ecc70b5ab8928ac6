import type { Article } from './article';
import { LinearSvm } from './linear-svm';
import type { Work } from './sliced';
import { SurfaceFeatures } from './surface';
import type { Counts } from './term-counter';
import type { SparseVector } from './vectors';

/** See `RankerConfig.linear*`. */
export interface IntentModelOptions {
  /** Average example questions per article needed to train. */
  minQuestions: number;
  /** SVM regularisation. */
  c: number;
  /** Scale of the decision value in the claim `sigmoid(d / temperature)`. */
  temperature: number;
}

/** Questions × articles above which the model is not trained (CLINC150: 15,000 × 150 ≈ 2.3 M, ~1.5 s). */
const MAX_TRAINING_WORK = 5_000_000;

/** SVM training passes: on CLINC150 val, 3 → 0.931 top-1, 6 → 0.933, 10 → 0.933. */
const SVM_PASSES = 6;

/**
 * The trained intent model: a linear SVM per article over surface features of its title and
 * example questions. On CLINC150 val it ranks 0.93 of queries right on its own (the similarity
 * signals 0.90). With a handful of questions per article it has too little to learn from, so such
 * KBs (and every KB without example questions) skip the training cost; very large KBs skip it
 * too, as training grows with questions × articles.
 */
export class IntentModel {
  private constructor(
    private readonly svm: LinearSvm,
    private readonly features: SurfaceFeatures,
    private readonly temperature: number,
  ) {}

  /** The model, or null when the articles have too few example questions (or too many × articles). */
  static *train(articles: readonly Article[], tokenize: (text: string) => string[], opts: IntentModelOptions): Work<IntentModel | null> {
    const questions = articles.reduce((n, a) => n + a.questions.length, 0);
    if (articles.length < 2 || questions < opts.minQuestions * articles.length) return null;
    if (questions * articles.length > MAX_TRAINING_WORK) return null;
    const features = new SurfaceFeatures();
    const counts: Counts[] = [];
    const labels: number[] = [];
    for (const [a, article] of articles.entries()) {
      for (const text of [article.title, ...article.questions]) {
        const c = features.count(tokenize(text));
        if (c.ids.length === 0) continue;
        counts.push(c);
        labels.push(a);
      }
      yield;
    }
    features.fit(counts);
    yield;
    const vectors: SparseVector[] = [];
    for (const c of counts) {
      vectors.push(features.transform(c));
      if ((vectors.length & 1023) === 0) yield;
    }
    const svm = yield* LinearSvm.train(vectors, labels, articles.length, features.dimensions, { c: opts.c, passes: SVM_PASSES });
    return new IntentModel(svm, features, opts.temperature);
  }

  /**
   * How strongly the model claims each article for the text's words, into `out`; false (and `out`
   * untouched) when the text has no feature the model knows.
   */
  claims(words: readonly string[], out: Float32Array): boolean {
    const x = this.features.transform(this.features.count(words));
    if (x.ids.length === 0) return false;
    this.svm.claims(x, this.temperature, out);
    return true;
  }
}
