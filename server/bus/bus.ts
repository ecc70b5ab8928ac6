import type { ConversationStatus, VisitorContext, WireMessage } from '../../shared/protocol/index';

/** What travels between the parts of the server (and, with Redis, between nodes). */
export type BusEvent =
  | { kind: 'message'; message: WireMessage }
  | { kind: 'status'; conversationId: string; status: ConversationStatus; agentName: string | null }
  | { kind: 'typing'; conversationId: string; from: 'visitor' | 'agent'; typing: boolean; name: string | null }
  | { kind: 'queue.changed'; siteId: string }
  | { kind: 'conversation.updated'; conversationId: string; agentId: string | null }
  /** The visitor of the conversation viewed a page (recorded as a page.viewed event). */
  | { kind: 'page'; conversationId: string; page: { url: string; title: string; at: number }; context: VisitorContext }
  | { kind: 'agents.changed' }
  /** The agent's sessions were ended (disabled, new password): their sockets close at once. */
  | { kind: 'agent.revoked'; agentId: string }
  /** An admin changed or deleted a site; `open` is false when its widget must stop (disabled or deleted). */
  | { kind: 'site.changed'; siteId: string; open: boolean }
  /** A KB article was edited through the API on some node: every node applies it from the database. */
  | { kind: 'kb.changed' }
  /** Events may have been lost (a node lost Redis): reload what this subscriber shows from the database. */
  | { kind: 'resync' };

export const topics = {
  conversation: (id: string) => `conv:${id}`,
  /** Queue and conversation changes every console cares about. */
  console: 'console',
  agent: (id: string) => `agent:${id}`,
  site: (id: string) => `site:${id}`,
  /** KB edits, for every node's bot. */
  kb: 'kb',
};

export type BusHandler = (event: BusEvent) => void;

/** Fan-out of events; nothing outside server/bus may assume a single process. */
export interface Bus {
  publish(topic: string, event: BusEvent): void;
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}
