import type { HistoryEvent } from './history';
import { inOtherLanguage } from './language';
import { isOffTopic } from './off-topic';

/** How a conversation that stayed with the bot (no person, no ticket) and ended turned out. */
export type BotResolution = 'confirmed' | 'assumed';

/**
 * Why a bot-only conversation that ended is not counted as resolved:
 * - `negative_feedback`: the visitor said an answer did not help;
 * - `other_language`: the last question was in another language than the site's;
 * - `off_topic`: the bot did not answer (suggestions or "not sure") a question that shares no
 *   content word with the KB, as the bot turn measured it then (`kbWords` 0, see off-topic.ts);
 * - `not_understood`: the bot found nothing close enough ("I'm not sure", with an offer of a
 *   person) for a question in the KB's words: most often one the KB does not cover;
 * - `suggestions_ignored`: the bot's last turn offered articles and the visitor picked none;
 * - `no_question`: only small talk, nothing was asked.
 */
export type UnresolvedReason = 'negative_feedback' | 'other_language' | 'off_topic' | 'not_understood' | 'suggestions_ignored' | 'no_question';
export const UNRESOLVED_REASONS: readonly UnresolvedReason[] = ['negative_feedback', 'other_language', 'off_topic', 'not_understood', 'suggestions_ignored', 'no_question'];

export type BotVerdict = { resolved: true; resolution: BotResolution } | { resolved: false; reason: UnresolvedReason };

/** The bot's last substantive turn: small talk ("thanks", "bye") does not replace the answer before it. */
interface Turn {
  kind: 'answer' | 'suggest' | 'not_understood';
  articleId: string | null;
  query: string | null;
  /** Share of the question's content words the KB knew when the bot decided (absent on older events). */
  kbWords: unknown;
  helpful: boolean | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function turnOf(e: HistoryEvent): Turn | null {
  if (e.type === 'bot.choice') return { kind: 'answer', articleId: str(e.data.articleId), query: null, kbWords: undefined, helpful: null };
  if (e.type !== 'bot.decision') return null;
  const query = str(e.data.query);
  const kbWords = e.data.kbWords;
  switch (e.data.decision) {
    case 'answer': return { kind: 'answer', articleId: str(e.data.articleId), query, kbWords, helpful: null };
    case 'suggest': return { kind: 'suggest', articleId: null, query, kbWords, helpful: null };
    // A handover the bot starts makes the chat a handover, never a bot outcome; what is left is the offer.
    case 'escalate': return { kind: 'not_understood', articleId: null, query, kbWords, helpful: null };
    default: return null;
  }
}

/**
 * The verdict on a bot-only conversation that ended, from its events in time order:
 * *confirmed* when the visitor said the bot's last answer helped and asked nothing after it;
 * *assumed* when the bot's last turn was an answer and the visitor left without a negative signal;
 * otherwise not resolved, with the reason.
 */
export function botVerdict(events: readonly HistoryEvent[], siteLocale: string | null): BotVerdict {
  let last: Turn | null = null;
  let negative = false;
  let lastQuery: string | null = null;
  for (const e of events) {
    const turn = turnOf(e);
    if (turn) {
      last = { ...turn, query: turn.query ?? lastQuery };
      if (turn.query) lastQuery = turn.query;
    }
    if (e.type === 'bot.feedback') {
      if (e.data.helpful === false) negative = true;
      if (last?.kind === 'answer' && (last.articleId === null || str(e.data.articleId) === last.articleId)) last.helpful = e.data.helpful === true;
    }
  }
  if (negative) return { resolved: false, reason: 'negative_feedback' };
  if (!last) return { resolved: false, reason: 'no_question' };
  if (last.kind === 'answer') return { resolved: true, resolution: last.helpful === true ? 'confirmed' : 'assumed' };
  if (last.query && inOtherLanguage(last.query, siteLocale)) return { resolved: false, reason: 'other_language' };
  if (isOffTopic(last.kbWords)) return { resolved: false, reason: 'off_topic' };
  return { resolved: false, reason: last.kind === 'suggest' ? 'suggestions_ignored' : 'not_understood' };
}
