import type { ArticleCard, BotPayload } from '../../shared/protocol/index';
import { isUnhelpful, type ArticleView, type Bot, type BotDecision } from '../bot/index';
import { kbWordShare } from '../ops/off-topic';
import type { Conversation } from '../store/types';
import type { ArticleTrust } from './article-trust';
import { BOT, type ConversationCore, type PostReply } from './core';
import type { NewEventBody } from './events';
import { workCounters } from '../store/work-counters';

export const toCard = (a: ArticleView): ArticleCard => ({ id: a.id, title: a.title, excerpt: a.excerpt, url: a.url, html: a.html });

function payloadOf(d: BotDecision): BotPayload {
  switch (d.kind) {
    case 'smalltalk': return { type: 'smalltalk', reply: d.reply };
    case 'answer': return { type: 'answer', article: toCard(d.article), confidence: d.confidence };
    case 'suggest': return { type: 'suggest', suggestions: d.suggestions.map(toCard), confidence: d.confidence };
    case 'escalate': return { type: 'escalate', reason: d.reason, mode: d.mode };
  }
}

/** What is stored about a decision, for the KB-gap report and article effectiveness. */
function eventData(text: string, d: BotDecision): Extract<NewEventBody, { type: 'bot.decision' }>['data'] {
  return {
    query: text.slice(0, 500),
    decision: d.kind,
    confidence: d.confidence,
    articleId: d.kind === 'answer' ? d.article.id : d.kind === 'escalate' ? (d.article?.id ?? null) : null,
    suggestions: d.kind === 'suggest' ? d.suggestions.map((s) => s.id) : [],
    candidates: 'candidates' in d ? d.candidates.slice(0, 5) : [],
    reason: d.kind === 'escalate' ? d.reason : null,
  };
}

/** A bot round decided before the visitor's message is stored: the answer goes into the same statement. */
export interface PlannedTurn {
  decision: BotDecision;
  reply: PostReply;
}

/**
 * Decides the bot's answer to a visitor message for the conversation as the caller last saw it (its site and
 * unhelpful rounds). The answer is stored only if those rounds still hold at the commit (see AppendReply).
 */
export async function planTurn(bot: Bot, c: Pick<Conversation, 'siteId' | 'unhelpfulRounds'>, text: string, locale: string | undefined, trust?: ArticleTrust): Promise<PlannedTurn> {
  const decision = await bot.decide(text, { unhelpfulRounds: c.unhelpfulRounds, locale, trust: trust?.forSite(c.siteId) });
  const rounds = decision.kind === 'answer' ? 0 : isUnhelpful(decision) ? c.unhelpfulRounds + 1 : c.unhelpfulRounds;
  return {
    decision,
    reply: {
      payload: payloadOf(decision),
      ifUnhelpfulRounds: c.unhelpfulRounds,
      unhelpfulRounds: rounds,
      event: { siteId: c.siteId, type: 'bot.decision', actorType: BOT.type, actorId: null, reason: decision.kind === 'escalate' ? decision.reason : null, data: { ...eventData(text, decision), kbWords: kbWordShare(bot, text) } },
    },
  };
}

/**
 * One bot round for a visitor message already stored: decide, post the reply, count unhelpful rounds,
 * record the decision. Returns the decision so the caller can hand over when the bot says so.
 */
export async function botTurn(
  core: ConversationCore,
  bot: Bot,
  c: Conversation,
  text: string,
  locale: string | undefined,
  trust?: ArticleTrust,
): Promise<BotDecision | null> {
  if (c.status !== 'bot') return null;
  workCounters.botTurnsAfter++;
  const { decision, reply } = await planTurn(bot, c, text, locale, trust);
  // Only while the bot still has the chat: an agent who claimed it meanwhile is not interrupted.
  const posted = await core.botMessage(c.id, reply.payload, { onlyIfStatus: 'bot', unhelpfulRounds: reply.unhelpfulRounds, event: reply.event });
  if (!posted) return null;
  return decision;
}
