import type { SocketErrorCode } from '../../../shared/errors';
import type { Attachment } from '../../../shared/protocol/index';
import type {
  ConversationStatus,
  VisitorChoose,
  VisitorCsat,
  VisitorEscalate,
  VisitorFeedback,
  VisitorLeaveMessage,
  VisitorNps,
  VisitorSend,
  VisitorTranscript,
  VisitorWelcome,
  WireMessage,
} from '../../../shared/protocol/index';
import type { IdentityInput } from '../../shared/types';

/** Frames that create something on the server: they carry a client id and wait for an `ack`. */
export type Outgoing = VisitorSend | VisitorEscalate | VisitorFeedback | VisitorChoose | VisitorCsat | VisitorNps | VisitorLeaveMessage | VisitorTranscript;

/** A frame waiting for its ack; once acked it leaves the outbox (a send becomes a transcript message). */
export interface OutboxItem {
  frame: Outgoing;
  createdAt: number;
  /** `pending`: queued or in flight; `failed`: refused or timed out, waits for a retry. */
  state: 'pending' | 'failed';
  error: SocketErrorCode | 'timeout' | null;
  /** The file a `visitor.send` carries, as its upload answered (the frame names only its id). */
  attachment?: Attachment;
}

export type SiteSettings = VisitorWelcome['site'];
/** Business hours and the expected reply time, as of the last welcome. */
export type Availability = NonNullable<VisitorWelcome['availability']>;

/** Everything that must survive a reload, kept in localStorage and shared between tabs. */
export interface Persisted {
  token: string | null;
  conversationId: string | null;
  status: ConversationStatus | null;
  queuePosition: number | null;
  agentName: string | null;
  agentsOnline: boolean;
  /** The current conversation, sorted by seq, no duplicates. */
  messages: WireMessage[];
  /** Earlier conversations of this visitor, still shown above the current one. */
  earlier: WireMessage[];
  outbox: OutboxItem[];
  identity: IdentityInput | null;
  /** The pre-chat form was filled in (or skipped because identify() told us who this is). */
  preChatDone: boolean;
  /** Conversations rated with CSAT, so the form is not shown again. */
  rated: string[];
  /** The NPS question per conversation: `ask` (show it), `no` (not this time), `done` (answered or declined). */
  nps: Record<string, 'ask' | 'no' | 'done'>;
  /** Feedback given per bot answer, keyed `conversationId:seq`. */
  feedback: Record<string, boolean>;
  /** Conversation for which the visitor left an offline message (shows the thank-you). */
  ticketFor: string | null;
  open: boolean;
  unread: number;
  site: SiteSettings | null;
  availability: Availability | null;
}

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline' | 'stopped';

export interface ChatState extends Persisted {
  connection: ConnectionState;
  /** Why the widget stopped for good: an old client (reload) or a site that does not allow this page. */
  stopReason: 'reload' | 'forbidden' | 'disabled' | null;
  /** Name of the agent typing (empty string when unnamed), or null. */
  agentTyping: string | null;
  /** The last error worth telling the visitor about. */
  notice: SocketErrorCode | 'timeout' | null;
}

export const MESSAGE_CAP = 300;

export function initialPersisted(): Persisted {
  return {
    token: null,
    conversationId: null,
    status: null,
    queuePosition: null,
    agentName: null,
    agentsOnline: true,
    messages: [],
    earlier: [],
    outbox: [],
    identity: null,
    preChatDone: false,
    rated: [],
    nps: {},
    feedback: {},
    ticketFor: null,
    open: false,
    unread: 0,
    site: null,
    availability: null,
  };
}

export function initialState(persisted: Persisted = initialPersisted()): ChatState {
  return { ...persisted, connection: 'idle', stopReason: null, agentTyping: null, notice: null };
}

export function persistedPart(s: ChatState): Persisted {
  const { connection: _c, stopReason: _s, agentTyping: _t, notice: _n, ...rest } = s;
  return rest;
}

/** Highest seq held for the current conversation: what hello asks the server to replay after. */
export function lastSeq(s: Persisted): number {
  return s.messages.at(-1)?.seq ?? 0;
}
