import type { Agent, Conversation } from '../../store/types';
import type { ReadyFrame } from './ready-frame';

/** A visitor socket as the feed sees it: it forwards ready frames and keeps its own resync state. */
export interface VisitorSeat {
  send(frame: ReadyFrame): void;
  /** The conversation's status now; the socket skips it when it repeats what it last said. */
  status(frame: ReadyFrame, c: Conversation): void;
  /** Events may have been lost: replay from this socket's own synced seq. */
  resync(): void;
}

/** A console tab as the feed sees it. */
export interface AgentSeat {
  /** The agent as of the socket's latest session check (role and disabled change what they may read). */
  readonly agent: Agent;
  follows(conversationId: string): boolean;
  /** Starts following a conversation (assigned to this agent now). */
  follow(conversationId: string): void;
  send(frame: ReadyFrame): void;
  /** Events of a followed conversation may have been lost: replay from this socket's own synced seq. */
  resync(conversationId: string): void;
  /** The agent's sessions were ended. */
  revoke(): void;
}
