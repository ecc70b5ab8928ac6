import { uploadFile } from '../lib/upload';
import type { AgentToServer, QueueItem, ServerToAgent } from '../../shared/protocol/index';
import { newClientId } from '../lib/ids';
import { AgentConnection, type SocketFactory } from './connection';
import { reduce, type Action } from './reducer';
import { initialState, type ConsoleState } from './state';

export interface ConsoleStoreOptions {
  url: string;
  createSocket?: SocketFactory;
  /** The session is gone (close 4001 or an `unauthorized` error): back to sign-in. */
  onSignedOut(): void;
  /** Chats that just joined the queue, for sound and desktop notifications. */
  onArrivals?(items: QueueItem[]): void;
}

/** What components may do; they never see the socket. */
export interface ConsoleActions {
  open(conversationId: string): void;
  /** Asks for the page of messages before the oldest one shown. */
  loadEarlier(conversationId: string): void;
  close(): void;
  claim(conversationId: string): void;
  send(conversationId: string, text: string, kind: 'text' | 'note'): void;
  /** Uploads a file and replies with it; rejects with the reason to show (see lib/upload). */
  attach(conversationId: string, file: File): Promise<void>;
  retry(clientId: string): void;
  resolve(conversationId: string): void;
  transfer(conversationId: string, toAgentId: string | null, note: string): void;
  typing(conversationId: string, typing: boolean): void;
  setPresence(status: 'online' | 'away'): void;
  dismiss(noticeId: number): void;
}

export interface ConsoleStore extends ConsoleActions {
  getState(): ConsoleState;
  subscribe(listener: () => void): () => void;
  start(): void;
  stop(): void;
}

const TYPING_REFRESH_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
/** A visitor whose "stopped typing" frame got lost must not look busy forever. */
const VISITOR_TYPING_TTL_MS = 8_000;

/** Owns the agent socket and the console state; the only place frames are sent from. */
export function createConsoleStore(opts: ConsoleStoreOptions): ConsoleStore {
  let state = initialState;
  const listeners = new Set<() => void>();
  // Frames that create something, kept until acked or refused and resent after a reconnect.
  const outbox = new Map<string, AgentToServer>();
  const typingOut = new Map<string, { sentAt: number; idle: ReturnType<typeof setTimeout> }>();
  const typingIn = new Map<string, ReturnType<typeof setTimeout>>();

  const dispatch = (a: Action) => {
    state = reduce(state, a);
    for (const l of listeners) l();
  };

  const onFrame = (frame: ServerToAgent) => {
    if (frame.type === 'error' && frame.code === 'unauthorized') return signOut();
    if ((frame.type === 'ack' || frame.type === 'error') && frame.id) outbox.delete(frame.id);
    dispatch({ type: 'frame', frame });
    if (frame.type === 'agent.welcome') resume();
    if (frame.type === 'queue' && state.arrivals.length > 0) opts.onArrivals?.(state.arrivals);
    if (frame.type === 'typing') expireTyping(frame.conversationId, frame.typing);
  };

  const connection = new AgentConnection(
    opts.url,
    {
      onFrame,
      onStatus: (status) => dispatch({ type: 'connection', status }),
      onRefused: (reason) => (reason === 'unauthorized' ? signOut() : dispatch({ type: 'bad-version' })),
    },
    opts.createSocket,
  );

  function signOut(): void {
    connection.stop();
    opts.onSignedOut();
  }

  /** After (re)connecting: catch up on the open chat and resend what was never acked. */
  function resume(): void {
    if (state.activeId) connection.send({ type: 'agent.open', conversationId: state.activeId });
    for (const frame of outbox.values()) connection.send(frame);
  }

  function expireTyping(conversationId: string, typing: boolean): void {
    const old = typingIn.get(conversationId);
    if (old) clearTimeout(old);
    typingIn.delete(conversationId);
    if (!typing) return;
    typingIn.set(conversationId, setTimeout(() => dispatch({ type: 'typing-expired', conversationId }), VISITOR_TYPING_TTL_MS));
  }

  function submit(frame: AgentToServer & { id: string }): void {
    outbox.set(frame.id, frame);
    connection.send(frame);
  }

  function stopTyping(conversationId: string): void {
    const t = typingOut.get(conversationId);
    if (!t) return;
    clearTimeout(t.idle);
    typingOut.delete(conversationId);
    connection.send({ type: 'agent.typing', conversationId, typing: false });
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => connection.start(),
    stop() {
      connection.stop();
      for (const t of typingIn.values()) clearTimeout(t);
      for (const t of typingOut.values()) clearTimeout(t.idle);
    },

    open(conversationId) {
      dispatch({ type: 'activate', conversationId });
      connection.send({ type: 'agent.open', conversationId });
    },
    loadEarlier(conversationId) {
      const oldest = state.messages[conversationId]?.[0];
      if (!oldest || state.loadingEarlier[conversationId] || !state.earlier[conversationId]) return;
      if (connection.send({ type: 'agent.history', conversationId, beforeSeq: oldest.seq })) dispatch({ type: 'loading-earlier', conversationId });
    },
    close: () => dispatch({ type: 'activate', conversationId: null }),
    claim(conversationId) {
      const id = newClientId();
      dispatch({ type: 'activate', conversationId });
      dispatch({ type: 'op', id, op: { op: 'claim', conversationId } });
      connection.send({ type: 'agent.open', conversationId });
      submit({ type: 'agent.claim', id, conversationId });
    },
    send(conversationId, text, kind) {
      const id = newClientId();
      stopTyping(conversationId);
      dispatch({ type: 'pending', send: { id, conversationId, kind, text, createdAt: Date.now(), seq: null, failed: null } });
      submit(kind === 'note' ? { type: 'agent.note', id, conversationId, text } : { type: 'agent.send', id, conversationId, text });
    },
    async attach(conversationId, file) {
      const attachment = await uploadFile(conversationId, file);
      const id = newClientId();
      dispatch({ type: 'pending', send: { id, conversationId, kind: 'text', text: attachment.name, createdAt: Date.now(), seq: null, failed: null } });
      submit({ type: 'agent.send', id, conversationId, text: '', attachment: attachment.id });
    },
    retry(clientId) {
      const p = state.pending[clientId];
      if (!p) return;
      dispatch({ type: 'retry', id: clientId });
      const base = { id: p.id, conversationId: p.conversationId, text: p.text };
      submit(p.kind === 'note' ? { type: 'agent.note', ...base } : { type: 'agent.send', ...base });
    },
    resolve(conversationId) {
      const id = newClientId();
      stopTyping(conversationId);
      dispatch({ type: 'op', id, op: { op: 'resolve', conversationId } });
      submit({ type: 'agent.resolve', id, conversationId });
    },
    transfer(conversationId, toAgentId, note) {
      const id = newClientId();
      const trimmed = note.trim();
      dispatch({ type: 'op', id, op: { op: 'transfer', conversationId } });
      submit({ type: 'agent.transfer', id, conversationId, toAgentId, ...(trimmed ? { note: trimmed } : {}) });
    },
    typing(conversationId, typing) {
      if (!typing) return stopTyping(conversationId);
      const now = Date.now();
      const t = typingOut.get(conversationId);
      if (t) clearTimeout(t.idle);
      // Tell the server at most every few seconds, and that we stopped once the keys go quiet.
      const sentAt = t && now - t.sentAt < TYPING_REFRESH_MS ? t.sentAt : now;
      if (sentAt === now) connection.send({ type: 'agent.typing', conversationId, typing: true });
      typingOut.set(conversationId, { sentAt, idle: setTimeout(() => stopTyping(conversationId), TYPING_IDLE_MS) });
    },
    setPresence(status) {
      dispatch({ type: 'presence', status });
      connection.send({ type: 'agent.presence', status });
    },
    dismiss: (noticeId) => dispatch({ type: 'dismiss', noticeId }),
  };
}
