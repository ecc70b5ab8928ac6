import { FileRepo } from '../files/file-repo';
import type { Db, Sql } from './db';
import { CannedRepo } from './canned-repo';
import { HistoryRepo } from './history-repo';
import { MessageRepo } from './message-repo';
import { TrustRepo } from './trust-repo';
import { VisitorPresenceRepo } from './visitor-presence-repo';
import { ConversationRepo } from './conversation-repo';
import { AgentRepo, EventRepo, SessionRepo, SiteRepo } from './repos';
import { VisitorRepo } from './visitor-repo';
import { Wake } from './wake';

/** The repositories over one SQL connection (the pool, or a transaction). */
export class Repos {
  readonly sites: SiteRepo;
  readonly visitors: VisitorRepo;
  readonly agents: AgentRepo;
  readonly sessions: SessionRepo;
  readonly conversations: ConversationRepo;
  readonly messages: MessageRepo;
  readonly events: EventRepo;
  readonly canned: CannedRepo;
  readonly trust: TrustRepo;
  readonly history: HistoryRepo;
  readonly visitorPresence: VisitorPresenceRepo;
  readonly files: FileRepo;
  constructor(
    readonly sql: Sql,
    /**
     * On the pool only: concurrent message appends share one statement and commit (group commit), and
     * what is written wakes the webhook outbox. Inside a transaction, the commit wakes it (Store.tx).
     */
    readonly wake: Wake | null = null,
  ) {
    this.sites = new SiteRepo(sql);
    this.visitors = new VisitorRepo(sql);
    this.agents = new AgentRepo(sql);
    this.sessions = new SessionRepo(sql);
    this.conversations = new ConversationRepo(sql, wake);
    this.messages = new MessageRepo(sql, wake);
    this.events = new EventRepo(sql, wake);
    this.canned = new CannedRepo(sql);
    this.trust = new TrustRepo(sql);
    this.history = new HistoryRepo(sql);
    this.visitorPresence = new VisitorPresenceRepo(sql);
    this.files = new FileRepo(sql);
  }
}

/** The one storage interface; the driver (PGlite or PostgreSQL) is chosen when the Db is opened. */
export class Store extends Repos {
  declare readonly wake: Wake;
  constructor(readonly db: Db) {
    super(db, new Wake(db.wakeRemote));
  }
  get kind(): Db['kind'] {
    return this.db.kind;
  }
  async tx<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    const value = await this.db.transaction((sql) => fn(new Repos(sql)));
    this.wake.wake('webhooks'); // transactions record events; the outbox fans them out
    return value;
  }
  /** A value generated once per installation (e.g. the token-signing key), kept in the database. */
  async setting(key: string, create: () => string): Promise<string> {
    await this.db.query('INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, create()]);
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [key]);
    return row!.value;
  }
  async close(): Promise<void> {
    await this.wake.close();
    await this.db.close();
  }
}
