import { LIMITS } from '../../../shared/limits';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version';
import type { ServerToVisitor, VisitorHello, VisitorToServer, WireMessage } from '../../../shared/protocol/index';
import { guard } from '../../shared/guard';
import { storageKey, type KeyValueStore } from '../../shared/safe-storage';
import type { ChatEventName, ChatMessageEvent, IdentityInput } from '../../shared/types';
import type { SocketLike } from '../../../shared/socket';
import { loadAttach } from '../attach/load';
import { Connection } from './connection';
import { newClientId } from './ids';
import { hostEvents } from './host-events';
import { newMessages } from './messages';
import { createOutbox, type Outbox } from './outbox';
import { pageReport, watchNavigation, type PageReport } from './page-context';
import { decode, encode, loadPersisted, mergePersisted, remoteWrite } from './persist';
import { applyFrame } from './reduce';
import { TypingSignal } from './typing';
import { initialPersisted, initialState, lastSeq, persistedPart, type ChatState } from './state';

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
  private readonly outbox: Outbox;
  private cleanups: (() => void)[] = [];
  private lastWritten: string | null = null;
  private readonly page: PageReport;
  private readonly typingSignal: TypingSignal;

  constructor(private readonly options: StoreOptions) {
    this.key = storageKey.state(options.site);
    this.win = options.win ?? window;
    this.now = options.now ?? Date.now;
    this.page = pageReport(this.win);
    this.state = initialState(loadPersisted(options.storage, this.key));
    // What storage holds already: writing it back on the first change that is not persisted (connecting) is a
    // synchronous localStorage write for nothing, on the first open's click.
    this.lastWritten = encode(persistedPart(this.state));
    this.outbox = createOutbox(this.getState, (next) => this.set(next), (frame) => this.write(frame), this.now, options.ackTimeoutMs);
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
    this.outbox.forget();
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
    this.outbox.add({ type: 'visitor.send', id: newClientId(), text });
    return 'ok';
  }

  /** Uploads `file` (the attachments chunk loads on first use), then sends it; rejects with the reason to show. */
  attach(file: File): Promise<void> {
    return loadAttach()
      .then((m) => m.upload(file, this.state.token, this.options.socketUrl, this.state.site?.files?.maxBytes))
      .then((attachment) => this.outbox.add({ type: 'visitor.send', id: newClientId(), text: '', attachment: attachment.id }, attachment));
  }

  /** A file of this visitor's conversations, fetched with their token. */
  file(id: string): Promise<Blob> {
    return loadAttach().then((m) => m.download(id, this.state.token, this.options.socketUrl));
  }

  retry(id: string): void {
    this.outbox.retry(id);
  }

  escalate(): void {
    if (this.state.outbox.some((o) => o.frame.type === 'visitor.escalate')) return;
    this.outbox.add({ type: 'visitor.escalate', id: newClientId() });
  }

  feedback(messageSeq: number, articleId: string, helpful: boolean): void {
    const key = `${this.state.conversationId}:${messageSeq}`;
    if (key in this.state.feedback) return;
    this.set({ ...this.state, feedback: { ...this.state.feedback, [key]: helpful } });
    this.outbox.add({ type: 'visitor.feedback', id: newClientId(), articleId, messageSeq, helpful });
  }

  choose(articleId: string): void {
    this.outbox.add({ type: 'visitor.choose', id: newClientId(), articleId });
  }

  rate(rating: number, comment: string): void {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    const text = comment.trim();
    this.outbox.add({ type: 'visitor.csat', id: newClientId(), conversationId, rating, ...(text ? { comment: text } : {}) });
  }

  /** After a rated, resolved chat: asks the server whether to show the NPS question (once per chat). */
  checkNps(): void {
    const id = this.state.conversationId;
    if (id && !(id in this.state.nps) && !this.state.outbox.some((o) => o.frame.type === 'visitor.nps')) this.outbox.add({ type: 'visitor.nps', id: newClientId(), conversationId: id });
  }

  /** The visitor's 0–10 answer with an optional comment, or null for "no thanks". */
  answerNps(score: number | null, comment = ''): void {
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    const text = comment.trim();
    this.outbox.add({ type: 'visitor.nps', id: newClientId(), conversationId, score, ...(text ? { comment: text } : {}) });
  }

  leaveMessage(input: { email: string; name: string; text: string }): void {
    const name = input.name.trim();
    this.outbox.add({ type: 'visitor.leave_message', id: newClientId(), email: input.email.trim(), text: input.text.trim(), ...(name ? { name } : {}) });
  }

  /** "Email me this transcript"; a typed address is also remembered as the visitor's. */
  transcript(email: string | null): void {
    if (email) this.set({ ...this.state, identity: { ...this.state.identity, email } });
    this.outbox.add({ type: 'visitor.transcript', id: newClientId(), ...(email ? { email } : {}) });
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
    const context = this.page.forHello();
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

  private receive(f: ServerToVisitor): void {
    const prev = this.state;
    const next = applyFrame(prev, f);
    const incoming = newMessages(prev.messages, next.messages).filter((m) => m.author !== 'visitor');
    this.set({ ...next, unread: next.open ? 0 : next.unread + incoming.length });
    for (const [event, detail] of hostEvents(prev, next, incoming, this.options.describe)) this.options.onEvent?.(event, detail);
    if (f.type === 'ack' || f.type === 'error') this.outbox.settle(f.id);
    // A long replay comes in pages: ask for the next one from what we now hold (one hello per socket).
    if ((f.type === 'visitor.welcome' || f.type === 'replay') && f.more && this.state.conversationId) {
      this.write({ type: 'visitor.history', conversationId: this.state.conversationId, afterSeq: lastSeq(this.state) });
    }
  }

  private onReady(): void {
    this.set({ ...this.state, connection: 'online' });
    if (this.state.identity) this.write({ type: 'visitor.identify', identity: this.state.identity });
    this.sendPage();
    this.outbox.flush();
    this.page.learnTimeZone(() => this.sendPage());
  }

  private onDown(): void {
    this.outbox.forget();
    if (this.state.connection !== 'stopped') this.set({ ...this.state, connection: 'offline', agentTyping: null });
  }

  private write(frame: VisitorToServer): boolean {
    return this.connection.send(frame);
  }

  private sendPage(): void {
    if (this.connection.isReady) this.page.update((context) => this.write({ type: 'visitor.page', context }));
  }

  private onStorage(e: StorageEvent): void {
    const merged = remoteWrite(e, this.key, persistedPart(this.state));
    if (merged === 'shutdown') this.options.onRemoteShutdown?.();
    if (merged === null || merged === 'shutdown') return;
    const tokenChanged = merged.token !== this.state.token;
    this.set({ ...this.state, ...merged });
    if (tokenChanged) {
      // Another tab became a different visitor (its token was refused): follow it.
      this.connection.stop();
      this.connection.start();
    } else this.outbox.flush();
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
