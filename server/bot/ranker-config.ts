import type { FeatureWeights } from './vectors';

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
  /** Blend weight of the intent model's posterior (a linear SVM); used only when the model is trained. */
  linear: number;
  /** The intent model is trained only when articles have at least this many example questions on average. */
  linearMinQuestions: number;
  /** SVM regularisation: higher fits the example questions more closely. */
  linearC: number;
  /** Scale of the SVM's decision value in its claim `sigmoid(d / t)`. */
  linearTemperature: number;
  /** Weight of the sentence encoder's features in the intent model (with `encoder` set; see docs/BOT.md). */
  encoderWeight: number;
  /**
   * With a sentence encoder the intent model trains from this many example questions per article
   * on average (instead of `linearMinQuestions`): the encoder brings the meaning a handful of
   * phrasings cannot (CLINC150 val, 10 per intent: answered and right 0.61 → 0.67).
   */
  encoderMinQuestions: number;
  /** BM25 score at which the search component reaches half its weight. */
  searchHalf: number;
  /** Body passages and tags count this much relative to a title or an example question. */
  bodyWeight: number;
  /** MiniSearch field boosts. */
  boost: { title: number; questions: number; tags: number; body: number };
  /** MiniSearch fuzziness (fraction of term length) for terms of 5+ characters. */
  fuzzy: number;
  /**
   * Message words at least this long that the KB does not have count as known when they are one
   * typo from a KB word (for `BotThresholds.support`). Shorter words are too often another real word.
   */
  typoMinLength: number;
  /**
   * Message words at least this long (and at least `typoMinLength`) that the KB does not have are
   * ranked as the KB word they are one typo from ("delivrey" → "delivery"). Higher than
   * `typoMinLength` because reading a word as another changes the ranking: at 5 letters, real words
   * the KB lacks were "corrected" ("stuff" → "staff").
   */
  correctMinLength: number;
}
