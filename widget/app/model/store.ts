import { LIMITS } from '../../../shared/limits';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import type { Attachment, ServerToVisitor, VisitorHello, VisitorToServer, WireMessage } from '../../../shared/protocol/index';
import { guard } from '../../shared/guard';
import { storageKey, type KeyValueStore } from '../../shared/safe-storage';
import type { ChatEventName, ChatMessageEvent, IdentityInput } from '../../shared/types';
import type { SocketLike } from '../../../shared/socket';
import { loadAttach } from '../attach/load';
import { Connection } from './connection';
import { newClientId } from './ids';
import { newMessages } from './messages';
import { collectContext, visitorTimeZone, watchNavigation } from './page-context';
import { decode, encode, loadPersisted, mergePersisted } from './persist';
import { applyFrame } from './reduce';
import { TypingSignal } from './typing';
import { initialPersisted, initialState, lastSeq, persistedPart, type ChatState, type Outgoing, type OutboxItem } from './state';

export interface StoreOptions {
  site: string;
  socketUrl: string;
  storage: KeyValueStore;
  locale: string;
  win?: Window;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  now?: () => number;
  heartbeatMs?: number;
  /** A send not acked this long (while connected) is shown as failed with a retry button. */
  ackTimeoutMs?: number;
  /** The text a message event carries: what the visitor saw, in their language (defaults to the wire text). */
  describe?: (m: WireMessage) => string;
  /** Host-page events (`Chat('on', …)`). */
  onEvent?: (event: ChatEventName, detail?: ChatMessageEvent) => void;
  /** Another tab shut the chat down (logout): this tab must forget the visitor too. */
  onRemoteShutdown?: () => void;
}

export type SendResult = 'ok' | 'empty' | 'too_long';

/** What makes a page update worth sending: a new page, or the time zone learned since. */
const contextKey = (c: { url: string; title: string; timeZone: string }) => `${c.url}\n${c.title}\n${c.timeZone}`;

/**
 * The widget's single source of truth: it owns the socket, the outbox and storage; components
 * read `getState()` and call the actions. Nothing here touches the DOM beyond window events.
 */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly connection: Connection;
  private readonly key: string;
  private readonly win: Window;
  private readonly now: () => number;
  private readonly inFlight = new Map<string, ReturnType<typeof setTimeout>>();
  private cleanups: (() => void)[] = [];
  private lastWritten: string | null = null;
  private lastContext = '';
  /** Learned when idle after the first welcome, then sent with a page update (see `visitorTimeZone`). */
  private timeZone = '';
  private readonly typingSignal: TypingSignal;

  constructor(private readonly options: StoreOptions) {
    this.key = storageKey.state(options.site);
    this.win = options.win ?? window;
    this.now = options.now ?? Date.now;
    this.state = initialState(loadPersisted(options.storage, this.key));
    // What storage holds already: writing it back on the first change that is not persisted (connecting) is a
    // synchronous localStorage write for nothing, on the first open's click.
    this.lastWritten = encode(persistedPart(this.state));
    this.typingSignal = new TypingSignal((typing) => this.write({ type: 'visitor.typing', typing }), this.now);
    this.connection = new Connection({
      url: options.socketUrl,
      createSocket: options.createSocket,
      random: options.random,
      heartbeatMs: options.heartbeatMs,
      isOnline: () => this.win.navigator.onLine !== false,
      events: {
        hello: () => this.makeHello(),
        frame: (f) => this.receive(f),
        ready: () => this.onReady(),
        down: () => this.onDown(),
        tokenRejected: () => this.set({ ...initialState({ ...initialPersisted(), open: this.state.open, identity: this.state.identity }), connection: 'connecting' }),
        stopped: (reason) => this.set({ ...this.state, connection: 'stopped', stopReason: this.state.stopReason === 'disabled' ? 'disabled' : reason }),
      },
    });
  }

  getState = (): ChatState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Connects and starts following navigation, the network and other tabs. Idempotent. */
  start(): void {
    if (this.cleanups.length > 0) return;
    // A store prepared ahead of the first open may have been created long ago: another tab may have started a
    // conversation since. Start from what storage holds now, as if that tab's write had just been heard.
    const raw = this.options.storage.get(this.key);
    const stored = raw === this.lastWritten ? null : decode(raw);
    if (stored) this.set({ ...this.state, ...mergePersisted(persistedPart(this.state), stored) });
    const on = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
      const handler = guard(fn);
      this.win.addEventListener(type, handler);
      this.cleanups.push(() => this.win.removeEventListener(type, handler));
    };
    on('online', () => this.connection.nudge());
    on('offline', () => this.connection.suspend());
    on('storage', (e) => this.onStorage(e));
    this.cleanups.push(watchNavigation(this.win, () => this.sendPage()));
    this.cleanups.push(() => this.connection.stop());
    this.set({ ...this.state, connection: 'connecting' });
    this.connection.start();
  }

  /** Stops everything; local state stays for the next page. */
  destroy(): void {
    for (const fn of this.cleanups.splice(0)) fn();
    for (const t of this.inFlight.values()) clearTimeout(t);
    this.inFlight.clear();
    this.typingSignal.stop();
    this.listeners.clear();
  }

  /** Forgets the visitor on this device (logout). */
  shutdown(): void {
    this.destroy();
    this.options.storage.remove(this.key);
    this.state = initialState();
  }

  setOpen(open: boolean): void {
    if (open === this.state.open) return;
    this.set({ ...this.state, open, unread: open ? 0 : this.state.unread });
    this.options.onEvent?.(open ? 'open' : 'close');
  }

  send(raw: string): SendResult {
    const text = raw.trim();
    if (!text) return 'empty';
    if (text.length > LIMITS.messageText) return 'too_long';
    this.typing(false);
    this.enqueue({ type: 'visitor.send', id: newClientId(), text });
    return 'ok';
  }

  /** Uploads `file` (the attachments chunk loads on first use), then sends it; rejects with the reason to show. */
  attach(file: File): Promise<void> {
    return loadAttach()
      .then((m) => m.upload(file, this.state.token, this.options.socketUrl, this.state.site?.files?.maxBytes))
      .then((attachment) => this.enqueue({ type: 'visitor.send', id: newClientId(), text: '', attachment: attachment.id }, attachment));
  }

  /** A file of this visitor's conversations, fetched with their token. */
  file(id: string): Promise<Blob> {
    return loadAttach().then((m) => m.download(id, this.state.token, this.options.socketUrl));
  }

  retry(id: string): void {
    const outbox = this.state.outbox.map((o) => (o.frame.id === id && o.state === 'failed' ? { ...o, state: 'pending' as const, error: null } : o));
    this.set({ ...this.state, outbox, notice: null });
    this.flush();
  }

  escalate(): void {
    if (this.state.outbox.some((o) => o.frame.type === 'visitor.escalate')) return;
    this.enqueue({ type: 'visitor.escalate', id: newClientId() });
  }

  feedback(messageSeq: number, articleId: string, helpful: boolean): void {
    const key = `${this.state.conversationId}:${messageSeq}`;
    if (key in this.state.feedback) return;
    this.set({ ...this.state, feedback: { ...this.state.feedback, [key]: helpful } });
    this.enqueue({ type: 'visitor.feedback', id: newClientId(), articleId, messageSeq, helpful });
  }

  choose(articleId: string): void {
    this.enqueue({ type: 'visitor.choose', id: newClientId(), articleId });
  }

  rate(rating: number, comment: string): void {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    const text = comment.trim();
    this.enqueue({ type: 'visitor.csat', id: newClientId(), conversationId, rating, ...(text ? { comment: text } : {}) });
  }

  /** After a rated, resolved chat: asks the server whether to show the NPS question (once per chat). */
  checkNps(): void {
    const id = this.state.conversationId;
    if (id && !(id in this.state.nps) && !this.state.outbox.some((o) => o.frame.type === 'visitor.nps')) this.enqueue({ type: 'visitor.nps', id: newClientId(), conversationId: id });
  }

  /** The visitor's 0–10 answer with an optional comment, or null for "no thanks". */
  answerNps(score: number | null, comment = ''): void {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    const text = comment.trim();
    this.enqueue({ type: 'visitor.nps', id: newClientId(), conversationId, score, ...(text ? { comment: text } : {}) });
  }

  leaveMessage(input: { email: string; name: string; text: string }): void {
    const name = input.name.trim();
    this.enqueue({ type: 'visitor.leave_message', id: newClientId(), email: input.email.trim(), text: input.text.trim(), ...(name ? { name } : {}) });
  }

  /** "Email me this transcript"; a typed address is also remembered as the visitor's. */
  transcript(email: string | null): void {
    if (email) this.set({ ...this.state, identity: { ...this.state.identity, email } });
    this.enqueue({ type: 'visitor.transcript', id: newClientId(), ...(email ? { email } : {}) });
  }

  /** From `Chat('identify', …)` or the pre-chat form; re-sent after every reconnect. */
  identify(identity: IdentityInput, fromForm = false): void {
    const merged = { ...this.state.identity, ...identity };
    this.set({ ...this.state, identity: merged, preChatDone: this.state.preChatDone || fromForm });
    this.write({ type: 'visitor.identify', identity: merged });
  }

  /** Called on every keystroke; the agent sees "typing…" without a frame per key. */
  typing(active: boolean): void {
    this.typingSignal.update(active);
  }

  dismissNotice(): void {
    this.set({ ...this.state, notice: null });
  }

  private makeHello(): VisitorHello {
    const context = collectContext(this.win, this.timeZone);
    this.lastContext = contextKey(context);
    // With the conversation id, the server replays from the start if its current conversation is another one.
    return {
      type: 'visitor.hello',
      protocol: PROTOCOL_VERSION,
      token: this.state.token,
      conversationId: this.state.conversationId,
      lastSeq: lastSeq(this.state),
      context,
      locale: this.options.locale,
    };
  }

  private receive(frame: ServerToVisitor): void {
    const f = frame;
    const prev = this.state;
    const next = applyFrame(prev, f);
    const incoming = newMessages(prev.messages, next.messages).filter((m) => m.author !== 'visitor');
    this.set({ ...next, unread: next.open ? 0 : next.unread + incoming.length });
    for (const m of incoming) {
      if (m.author !== 'visitor') this.options.onEvent?.('message', { author: m.author, authorName: m.authorName, text: this.options.describe?.(m) ?? m.text });
    }
    if (prev.status !== next.status && next.conversationId === prev.conversationId) {
      if (next.status === 'queued' && prev.status !== 'assigned') this.options.onEvent?.('escalated');
      if (next.status === 'resolved') this.options.onEvent?.('resolved');
    }
    if (f.type === 'ack' || f.type === 'error') this.settle(f.id);
    // A long replay comes in pages: ask for the next one from what we now hold (one hello per socket).
    if ((f.type === 'visitor.welcome' || f.type === 'replay') && f.more && this.state.conversationId) {
      this.write({ type: 'visitor.history', conversationId: this.state.conversationId, afterSeq: lastSeq(this.state) });
    }
  }

  private onReady(): void {
    this.set({ ...this.state, connection: 'online' });
    if (this.state.identity) this.write({ type: 'visitor.identify', identity: this.state.identity });
    this.sendPage();
    this.flush();
    if (!this.timeZone) {
      const idle = this.win.requestIdleCallback?.bind(this.win) ?? ((fn: () => void) => setTimeout(fn, 0));
      idle(
        guard(() => {
          this.timeZone = visitorTimeZone();
          this.sendPage();
        }),
      );
    }
  }

  private onDown(): void {
    for (const t of this.inFlight.values()) clearTimeout(t);
    this.inFlight.clear();
    if (this.state.connection !== 'stopped') this.set({ ...this.state, connection: 'offline', agentTyping: null });
  }

  private enqueue(frame: Outgoing, attachment?: Attachment): void {
    const item: OutboxItem = { frame, createdAt: this.now(), state: 'pending', error: null, attachment };
    this.set({ ...this.state, outbox: [...this.state.outbox, item], notice: null });
    this.flush();
  }

  /** Sends every pending item not already on the wire, oldest first, each with its original id. */
  private flush(): void {
    for (const item of this.state.outbox) {
      if (item.state !== 'pending' || this.inFlight.has(item.frame.id)) continue;
      if (!this.write(item.frame)) return;
      const id = item.frame.id;
      this.inFlight.set(
        id,
        setTimeout(
          guard(() => this.timeOut(id)),
          this.options.ackTimeoutMs ?? 15_000,
        ),
      );
    }
  }

  private settle(id: string | undefined): void {
    if (id === undefined) return;
    const t = this.inFlight.get(id);
    if (t) clearTimeout(t);
    this.inFlight.delete(id);
  }

  private timeOut(id: string): void {
    this.inFlight.delete(id);
    const outbox = this.state.outbox.map((o) => (o.frame.id === id && o.state === 'pending' ? { ...o, state: 'failed' as const, error: 'timeout' as const } : o));
    this.set({ ...this.state, outbox });
  }

  private write(frame: VisitorToServer): boolean {
    return this.connection.send(frame);
  }

  private sendPage(): void {
    const context = collectContext(this.win, this.timeZone);
    const key = contextKey(context);
    if (key === this.lastContext || !this.connection.isReady) return;
    if (this.write({ type: 'visitor.page', context })) this.lastContext = key;
  }

  private onStorage(e: StorageEvent): void {
    if (e.key !== this.key && e.key !== null) return;
    if (e.newValue === null) {
      this.options.onRemoteShutdown?.();
      return;
    }
    const remote = decode(e.newValue);
    if (!remote) return;
    const merged = mergePersisted(persistedPart(this.state), remote);
    const tokenChanged = merged.token !== this.state.token;
    this.set({ ...this.state, ...merged });
    if (tokenChanged) {
      // Another tab became a different visitor (its token was refused): follow it.
      this.connection.stop();
      this.connection.start();
    } else this.flush();
  }

  private set(next: ChatState): void {
    if (next === this.state) return;
    this.state = next;
    const encoded = encode(persistedPart(next));
    if (encoded !== this.lastWritten) {
      this.lastWritten = encoded;
      this.options.storage.set(this.key, encoded);
    }
    for (const fn of this.listeners) guard(fn)();
  }
}
