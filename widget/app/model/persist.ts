import type { KeyValueStore } from '../../shared/safe-storage';
import { mergeMessages } from './messages';
import { initialPersisted, type OutboxItem, type Persisted } from './state';

/** Bumped when the stored shape changes incompatibly; older data is dropped rather than misread. */
const VERSION = 1;

export function loadPersisted(storage: KeyValueStore, key: string): Persisted {
  return decode(storage.get(key)) ?? initialPersisted();
}

export function encode(p: Persisted): string {
  return JSON.stringify({ v: VERSION, ...p });
}

export function decode(raw: string | null): Persisted | null {
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as Partial<Persisted> & { v?: number };
    if (data.v !== VERSION) return null;
    const { v: _v, ...rest } = data;
    // Spread over defaults so a field added later gets its default instead of undefined.
    return { ...initialPersisted(), ...rest };
  } catch {
    return null;
  }
}

function unionBy<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((t) => !seen.has(key(t)))];
}

/**
 * Combines what another tab stored with what this tab holds. Both tabs may be connected, so
 * transcripts and outboxes are unions (deduped by seq and client id); the newest write wins for
 * status fields. `open` stays per tab: opening the chat in one tab must not pop it open in others.
 */
export function mergePersisted(local: Persisted, remote: Persisted): Persisted {
  if (remote.token !== local.token || remote.conversationId !== local.conversationId) {
    return { ...remote, open: local.open };
  }
  const messages = mergeMessages(local.messages, remote.messages);
  const held = new Set(messages.map((m) => m.id));
  const bestOf = (a: OutboxItem, b: OutboxItem | undefined) => (b && rank(b) > rank(a) ? b : a);
  const remoteById = new Map(remote.outbox.map((o) => [o.frame.id, o]));
  const outbox = unionBy(local.outbox.map((o) => bestOf(o, remoteById.get(o.frame.id))), remote.outbox, (o) => o.frame.id).filter(
    (o) => !held.has(o.frame.id),
  );
  return {
    ...remote,
    open: local.open,
    messages,
    earlier: local.earlier.length >= remote.earlier.length ? local.earlier : remote.earlier,
    outbox,
    rated: [...new Set([...local.rated, ...remote.rated])],
    feedback: { ...local.feedback, ...remote.feedback },
    nps: { ...local.nps, ...remote.nps },
    identity: remote.identity ?? local.identity,
    preChatDone: local.preChatDone || remote.preChatDone,
  };
}

/** A failure seen by one tab wins, so the retry button shows in both. */
function rank(o: OutboxItem): number {
  return o.state === 'failed' ? 1 : 0;
}

/**
 * What another tab's write (a `storage` event) means for a tab holding `local` under `key`: `shutdown` when it
 * removed the key (logout), what to hold now when it stored something readable, null when the event is not ours.
 */
export function remoteWrite(e: Pick<StorageEvent, 'key' | 'newValue'>, key: string, local: Persisted): 'shutdown' | Persisted | null {
  if (e.key !== key && e.key !== null) return null;
  if (e.newValue === null) return 'shutdown';
  const remote = decode(e.newValue);
  return remote && mergePersisted(local, remote);
}
