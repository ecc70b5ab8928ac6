import { AppError } from '../../shared/errors';
import { HISTORY_TEXT_MAX, HistoryQuery, type HistoryPage } from '../../shared/history';
import type { Store } from '../store/store';
import { prefixQuery, type HistoryRow } from '../store/history-repo';
import type { Agent } from '../store/types';

const DAY_MS = 86_400_000;
const clip = (s: string | null) => (s !== null && s.length > HISTORY_TEXT_MAX ? `${s.slice(0, HISTORY_TEXT_MAX - 1)}…` : s);

/** The cursor is opaque to clients: the last row's exact creation time (µs) and id. */
function encodeCursor(row: HistoryRow): string {
  return Buffer.from(`${row.atMicros}.${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { atMicros: bigint; id: string } {
  const m = /^(\d{1,20})\.([\w-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('bad_request', 'cursor: is not a cursor this API returned');
  return { atMicros: BigInt(m[1]!), id: m[2]! };
}

/**
 * A page of the conversation history an agent may read: admins see every conversation, agents the
 * same ones `AgentService.canRead` lets them open (their own, the queue, tickets, their visitors' past).
 */
export async function historyPage(store: Store, agent: Agent, rawQuery: unknown): Promise<HistoryPage> {
  const q = HistoryQuery.parse(rawQuery);
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : null;
  const until = q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : null;
  if (from && until && from >= until) throw new AppError('bad_request', 'from: must not be after to');
  const rows = await store.history.page({
    statuses: q.status === undefined ? null : [q.status].flat(),
    agentId: q.agent ?? null,
    siteKey: q.site ?? null,
    from,
    until,
    tag: q.tag ?? null,
    contains: q.q ?? null,
    textQuery: q.q ? prefixQuery(q.q) : null,
    readableBy: agent.role === 'admin' ? null : agent.id,
    after: q.cursor ? decodeCursor(q.cursor) : null,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const lastTexts = await store.messages.lastVisitorText(page.map((r) => r.id));
  return {
    items: page.map(({ atMicros: _, ...r }) => ({ ...r, match: clip(r.match), lastMessage: clip(lastTexts.get(r.id) ?? null) })),
    nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!) : null,
  };
}
