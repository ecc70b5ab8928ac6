import type { Store } from '../store/store';
import { at, DAY, SyntheticHistory } from './test-history';

/**
 * The hand-worked history the metrics tests check against (times in minutes after Mon 3 March
 * 2025 00:00 UTC). The range under test is 3–4 March (UTC); "now" is 5 March 00:10 UTC.
 *
 * C0  V0  2 Mar 10:00  previous period: bot answers, nothing else → bot_resolved
 * C1  V1  3 Mar 09:00  answer refund-timing, "helpful" → bot_resolved
 * C2  V2  3 Mar 09:30  suggests [return-policy, exchanges], visitor picks exchanges → bot_resolved
 * C3  V3  3 Mar 10:00  no match "do you sell gift wrapping"; asks for a human 10:02 (queued);
 *                      A claims 10:05, replies 10:06, resolves 10:20; CSAT 5 "great"
 * C4  V4  3 Mar 14:00  answer track-your-order, "not helpful" → escalated 14:03 (queued); B claims
 *                      14:13, replies 14:14, transfers to A 14:20; A replies 14:21, resolves 14:40; CSAT 2 "slow"
 * C5  V1  4 Mar 08:00  answer refund-timing (same topic as C1); asks for a human 08:01; A claims
 *                      08:11, replies 08:16, resolves 08:31; reopened 08:40; A claims 08:45, resolves 09:00
 * C6  V6  4 Mar 12:00  no match "gift wrap for a birthday present" (repeated failure) → escalated
 *                      12:01 with nobody online (offline); ticket 12:02
 * C8  V8  4 Mar 13:00  no match "Do you offer gift wrapping?" (handover offered, not taken) → bot_resolved
 * C9  V9  4 Mar 16:00  leaves a message for people without escalating → ticket
 * C7  V7  4 Mar 23:50  suggests [payment-methods, klarna-pay-later], ignored, last activity 23:51
 *                      → in_progress at 00:10 with a 30-minute inactivity window
 * C10 V3  5 Mar 00:00  outside the range (to is exclusive); "gift wrapping options?": same topic as C3
 */
export async function buildScenario(store: Store, siteKey?: string) {
  const h = await SyntheticHistory.create(store, siteKey);
  const A = await h.agent('Ann');
  const B = await h.agent('Ben');
  const [V0, V1, V2, V3, V4, V6, V7, V8, V9] = await Promise.all(Array.from({ length: 9 }, () => h.visitor()));

  const c0 = await h.conversation(V0!, at(-DAY + 600), 'how long do refunds take');
  await c0.botAnswer(at(-DAY + 600), 'how long do refunds take', 'refund-timing');

  const c1 = await h.conversation(V1!, at(540), 'when will I get my refund');
  await c1.botAnswer(at(540), 'when will I get my refund', 'refund-timing');
  await c1.event('bot.feedback', at(541), { actor: 'visitor', data: { articleId: 'refund-timing', messageSeq: 2, helpful: true } });

  const c2 = await h.conversation(V2!, at(570), 'can I swap my jacket');
  await c2.botSuggest(at(570), 'can I swap my jacket', ['return-policy', 'exchanges']);
  await c2.event('bot.choice', at(571), { actor: 'visitor', data: { articleId: 'exchanges' } });

  const c3 = await h.conversation(V3!, at(600), 'do you sell gift wrapping');
  await c3.botNoMatch(at(600), 'do you sell gift wrapping', 'low_confidence', 'gift-cards');
  await c3.escalate(at(602), 'asked_for_human', 'queued');
  await c3.assign(at(605), A);
  await c3.message('agent', at(606), 'Hi, let me check.');
  await c3.message('agent', at(607), 'internal: ask the warehouse', 'note');
  await c3.resolve(at(620), A);
  await c3.csat(at(621), 5, A, 'great');

  const c4 = await h.conversation(V4!, at(840), 'where is my parcel');
  await c4.botAnswer(at(840), 'where is my parcel', 'track-your-order');
  await c4.event('bot.feedback', at(842), { actor: 'visitor', data: { articleId: 'track-your-order', messageSeq: 2, helpful: false } });
  await c4.escalate(at(843), 'negative_feedback', 'queued');
  await c4.assign(at(853), B);
  await c4.message('agent', at(854), 'Looking into it');
  await c4.transfer(at(860), B, A);
  await c4.message('agent', at(861), 'Found it');
  await c4.resolve(at(880), A);
  await c4.csat(at(881), 2, A, 'slow');

  const c5 = await h.conversation(V1!, at(DAY + 480), 'my refund has not arrived');
  await c5.botAnswer(at(DAY + 480), 'my refund has not arrived', 'refund-timing');
  await c5.escalate(at(DAY + 481), 'asked_for_human', 'queued');
  await c5.assign(at(DAY + 491), A);
  await c5.message('agent', at(DAY + 496), 'Checking your refund');
  await c5.resolve(at(DAY + 511), A);
  await c5.reopen(at(DAY + 520));
  await c5.assign(at(DAY + 525), A);
  await c5.resolve(at(DAY + 540), A);

  const c6 = await h.conversation(V6!, at(DAY + 720), 'gift wrap for a birthday present');
  await c6.botNoMatch(at(DAY + 720), 'gift wrap for a birthday present', 'repeated_failure', 'gift-cards');
  await c6.escalate(at(DAY + 721), 'repeated_failure', 'offline');
  await c6.event('ticket.created', at(DAY + 722), { actor: 'visitor', data: { email: 'v6@example.com' } });

  const c8 = await h.conversation(V8!, at(DAY + 780), 'Do you offer gift wrapping?');
  await c8.botNoMatch(at(DAY + 780), 'Do you offer gift wrapping?', 'low_confidence', 'gift-cards');

  const c9 = await h.conversation(V9!, at(DAY + 960), 'please call me back');
  await c9.event('conversation.offline', at(DAY + 961), { actor: 'visitor', data: { from: 'bot', to: 'offline' } });
  await c9.event('ticket.created', at(DAY + 961), { actor: 'visitor', data: { email: 'v9@example.com' } });

  const c7 = await h.conversation(V7!, at(DAY + 1430), 'can I pay with bitcoin');
  await c7.botSuggest(at(DAY + 1430), 'can I pay with bitcoin', ['payment-methods', 'klarna-pay-later']);
  await c7.message('bot', at(DAY + 1431), 'Maybe one of these helps');

  const c10 = await h.conversation(V3!, at(2 * DAY), 'gift wrapping options?');

  return { h, A, B, ids: { c0: c0.id, c1: c1.id, c2: c2.id, c3: c3.id, c4: c4.id, c5: c5.id, c6: c6.id, c7: c7.id, c8: c8.id, c9: c9.id, c10: c10.id } };
}

/** "Now" for the scenario: 5 March 00:10 UTC, 19 minutes after C7's last activity. */
export const SCENARIO_NOW = at(2 * DAY + 10);
