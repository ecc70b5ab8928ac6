import { z } from 'zod';

/**
 * How articles are scored against a message: model internals, chosen on CLINC150 val and the demo
 * dev sets (docs/BOT.md, *Knobs*), for experiments only. Each is declared once here: type, bound,
 * default and why. All blend weights are relative.
 */
const weight = (fallback: number, doc: string) => z.number().min(0).max(100).default(fallback).describe(doc);
const unit = (fallback: number, doc: string) => z.number().min(0).max(1).default(fallback).describe(doc);
const positive = (fallback: number, max: number, doc: string) => z.number().positive().max(max).default(fallback).describe(doc);
const length = (fallback: number, doc: string) => z.number().int().min(2).max(50).default(fallback).describe(doc);

export const RankerConfigSchema = z.object({
  features: z
    .object({
      words: weight(0.4, 'TF-IDF feature family weight: content words'),
      pairs: weight(0.4, 'TF-IDF feature family weight: adjacent word pairs, stop words kept ("who made", "my card")'),
      chars: weight(0.2, 'TF-IDF feature family weight: character 3–4-grams of content words (typos, word forms)'),
    })
    .prefault({}),
  nearest: weight(0.5, 'blend weight of the nearest example phrasing (title, a question, a body passage)'),
  centroid: weight(0.3, "blend weight of the similarity to the article's centroid (all its phrasings together)"),
  search: weight(0.2, "blend weight of MiniSearch's BM25 score (title/questions/tags/body, fuzzy), saturated"),
  bayes: weight(0.5, 'blend weight of the naive-Bayes posterior (a model trained at load time on the phrasings)'),
  bayesGate: positive(0.5, 1, 'the posterior sums to 1 even for nonsense: its weight is scaled down when the best phrasing similarity of the article is below this'),
  bayesAlpha: positive(0.05, 100, 'additive smoothing of the naive-Bayes counts'),
  linear: weight(4, "blend weight of the intent model's claim (a linear SVM); counts only when the model is trained"),
  linearMinQuestions: z.number().min(0).max(1000).default(50).describe('the intent model is trained only when articles have at least this many example questions on average'),
  linearC: positive(0.5, 1000, 'SVM regularisation: higher fits the example questions more closely (0.5–2 within 0.2 point on CLINC val)'),
  linearTemperature: positive(0.25, 1000, "scale of the SVM's decision value d in its claim sigmoid(d / t)"),
  encoderWeight: weight(2, "weight of the sentence encoder's features in the intent model (with `encoder` set)"),
  encoderMinQuestions: z
    .number()
    .min(0)
    .max(1000)
    .default(5)
    .describe('with a sentence encoder the intent model trains from this many example questions per article on average (CLINC150 val, 10 per intent: answered and right 0.61 → 0.67)'),
  searchHalf: positive(8, 1000, 'BM25 score at which the search component reaches half its weight'),
  bodyWeight: unit(0.85, 'body passages and tags count this much relative to a title or an example question'),
  boost: z
    .object({
      title: weight(2, 'MiniSearch field boost: title'),
      questions: weight(1.5, 'MiniSearch field boost: example questions'),
      tags: weight(1.5, 'MiniSearch field boost: tags'),
      body: weight(1, 'MiniSearch field boost: body'),
    })
    .prefault({}),
  fuzzy: unit(0.2, 'MiniSearch fuzziness (fraction of the word length) for words of 5+ letters the KB does not have'),
  typoMinLength: length(5, 'message words this long that the KB lacks count as known when one typo from a KB word (thin-match check); shorter words are too often another real word'),
  correctMinLength: length(
    6,
    'message words this long (and ≥ typoMinLength) that the KB lacks are ranked as the KB word they are one typo from ("delivrey" → "delivery"); at 5 letters real words were "corrected" ("stuff" → "staff")',
  ),
});

export type RankerConfig = z.output<typeof RankerConfigSchema>;
