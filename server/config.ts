import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NetworkListError, parseNetworks, type Networks } from './net/networks';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const networks = z.string().transform((value, ctx) => {
  try {
    return parseNetworks(value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof NetworkListError ? e.message : String(e) });
    return z.NEVER;
  }
});

/**
 * Which hops may set X-Forwarded-For: a hop count (`1` = the one proxy in front of us) or the
 * proxies' addresses/CIDRs. `true` would trust whatever a client writes in the header, so it is refused.
 */
const TrustProxy = z.string().transform((value, ctx): TrustProxy => {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes') {
    ctx.addIssue({ code: 'custom', message: 'no longer accepts true (it lets any client pick its own IP address with X-Forwarded-For); give the number of proxies in front of the server (e.g. 1) or their addresses (e.g. 10.0.0.0/8,127.0.0.1)' });
    return z.NEVER;
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) ctx.addIssue({ code: 'custom', message: 'hop count must be at most 10' });
    return hops;
  }
  try {
    return parseNetworks(value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `must be false, a hop count or a list of proxy addresses/CIDRs: ${e instanceof NetworkListError ? e.message : String(e)}` });
    return z.NEVER;
  }
});
/** false: no proxy; a number: that many proxies in front; Networks: the proxies' addresses. */
export type TrustProxy = false | number | Networks;

/**
 * Every setting, from the environment (or a JSON config file named by CONFIG_FILE; the
 * environment wins). Documented in the README's configuration table.
 */
const EnvSchema = z.object({
  PORT: int(0, 65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  /** Seeds the demo site and logins; on unless NODE_ENV=production. */
  DEMO: bool.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  /** Redis for several server processes on one PostgreSQL: events reach every node's sockets. Unset: one node. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of the bus's Redis channels, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits, _ : . - (at most 64)').default('chat:'),
  KB_DIR: z.string().min(1).default('./demo/kb'),
  /** Public base URL when behind a proxy; used in printed links and the demo snippet. */
  PUBLIC_URL: z.url().optional(),
  SESSION_TTL_HOURS: int(1, 24 * 90).default(12),
  /** How long a disconnected agent keeps their chats before they return to the queue. */
  AGENT_GRACE_SECONDS: int(0, 3_600).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Optional JSON file with bot thresholds (see docs/BOT.md). */
  BOT_CONFIG: z.string().optional(),
  /** `false`, the number of proxies in front of the server, or their addresses/CIDRs (see docs/SECURITY.md). */
  TRUST_PROXY: TrustProxy.default(false),
  /** Internal networks outbound requests (webhooks) may reach; everything non-public is refused otherwise. */
  OUTBOUND_ALLOW_NETWORKS: networks.default(parseNetworks([])),
  /** A client must finish its request headers within this time (slow-loris). */
  HTTP_HEADERS_TIMEOUT_SECONDS: int(1, 600).default(10),
  /** …and its whole request (headers and body) within this time. */
  HTTP_REQUEST_TIMEOUT_SECONDS: int(1, 3_600).default(30),
  /** An idle keep-alive connection is closed after this. */
  HTTP_KEEPALIVE_TIMEOUT_SECONDS: int(1, 600).default(5),
  /** Open TCP connections (HTTP and WebSocket) one client address may hold at once. */
  MAX_CONNECTIONS_PER_IP: int(1, 1_000_000).default(256),
  /** A database statement running longer is cancelled; a connection silent this long (plus a margin) is dropped. */
  DB_QUERY_TIMEOUT_MS: int(100, 600_000).default(15_000),
  /** PostgreSQL connections per node (statements in flight at once); the rest wait in order (docs/BENCHMARK.md). */
  DB_POOL_MAX: int(2, 200).default(20),
  /** A visitor token unused for this long stops working (each connection renews it). */
  VISITOR_TOKEN_TTL_DAYS: int(1, 3_650).default(90),
  /** Per visitor: sustained messages per minute (bursts of a third of it are fine). */
  RATE_MESSAGES_PER_MINUTE: int(1, 100_000).default(30),
  /** Per visitor: new conversations per hour. */
  RATE_CONVERSATIONS_PER_HOUR: int(1, 100_000).default(20),
  /** Per IP address: new visitor connections per minute. */
  RATE_CONNECTIONS_PER_MINUTE: int(1, 1_000_000).default(600),
  /** Largest attachment any site may accept, in bytes (files are stored in the database); a site's own limit is at most this. */
  FILE_MAX_BYTES: int(1_024, 104_857_600).default(26_214_400),
  /** Per visitor or agent: uploads per minute (bursts of a third of it are fine). */
  RATE_UPLOADS_PER_MINUTE: int(1, 10_000).default(12),
  /** Per visitor or agent: bytes of uploads in any 24 hours, counted in the database across nodes. */
  FILE_BYTES_PER_DAY: int(1_024, 10_737_418_240).default(104_857_600),
  /** Outbound mail relay (smtp:// or smtps://). Unset: the product never promises email. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  /** Sender of every email, e.g. `Support <support@example.com>`; its domain also names reply addresses. */
  MAIL_FROM: z.string().min(3).max(320).optional(),
  /** Domain of `reply+TOKEN@…` addresses, when it is not MAIL_FROM's (it must deliver to the inbound listener). */
  MAIL_REPLY_DOMAIN: z.string().regex(/^[a-z0-9.-]{1,253}$/i, 'must be a domain name').optional(),
  /** An SMTP host on a private or loopback address is refused unless this opts in (a local relay). */
  SMTP_ALLOW_PRIVATE: bool.default(false),
  /** Port of the built-in SMTP listener that takes visitors' email replies. Unset: no inbound email. */
  INBOUND_SMTP_PORT: int(0, 65_535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** Multiplies every WebSocket frame budget (bursts and refill rates; docs/SECURITY.md). Load tests raise it. */
  RATE_FRAME_BUDGET_SCALE: z.coerce.number().min(0.1).max(100_000).default(1),
  /** Multiplies every REST allowance (per address, agent and visitor; docs/SECURITY.md). Load tests raise it. */
  RATE_REST_SCALE: z.coerce.number().min(0.1).max(100_000).default(1),
  /** Serves GET /bench/counters (database round trips, visitor messages stored) for `npm run bench`. Off in production use. */
  BENCH_COUNTERS: bool.default(false),
  /** Extra origins (comma-separated `scheme://host[:port]`) whose pages may open /ws/agent; its own origin always may. */
  AGENT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o.length > 0))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) origins' }).transform((u) => new URL(u).origin))),
});

export interface Config {
  port: number;
  host: string;
  production: boolean;
  demo: boolean;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  redisPrefix: string;
  kbDir: string;
  publicUrl: string | null;
  sessionTtlMs: number;
  agentGraceMs: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  botConfigFile: string | null;
  trustProxy: TrustProxy;
  outboundAllowNetworks: Networks;
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnectionsPerIp: number };
  dbQueryTimeoutMs: number;
  dbPoolMax: number;
  visitorTokenTtlMs: number;
  rateMessagesPerMinute: number;
  rateConversationsPerHour: number;
  rateConnectionsPerMinute: number;
  files: { maxBytes: number; uploadsPerMinute: number; bytesPerDay: number };
  email: EmailConfig | null;
  inboundSmtp: { port: number; host: string } | null;
  agentAllowedOrigins: string[];
  frameBudgetScale: number;
  restRateScale: number;
  benchCounters: boolean;
}

export interface EmailConfig {
  smtpUrl: string;
  from: string;
  replyDomain: string;
  allowPrivate: boolean;
}

export class ConfigError extends Error {}

/** Parses configuration; a bad value throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const fromFile = env.CONFIG_FILE ? readConfigFile(env.CONFIG_FILE) : {};
  const merged = { ...fromFile, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) };
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'config');
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(merged[name as keyof typeof merged] ?? null)})`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    production,
    demo: e.DEMO ?? !production,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    kbDir: resolve(e.KB_DIR),
    publicUrl: e.PUBLIC_URL ?? null,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    agentGraceMs: e.AGENT_GRACE_SECONDS * 1_000,
    logLevel: e.LOG_LEVEL,
    botConfigFile: e.BOT_CONFIG ? resolve(e.BOT_CONFIG) : null,
    trustProxy: e.TRUST_PROXY,
    outboundAllowNetworks: e.OUTBOUND_ALLOW_NETWORKS,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1_000,
      requestTimeoutMs: Math.max(e.HTTP_REQUEST_TIMEOUT_SECONDS, e.HTTP_HEADERS_TIMEOUT_SECONDS) * 1_000,
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_SECONDS * 1_000,
      maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    },
    dbQueryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
    dbPoolMax: e.DB_POOL_MAX,
    visitorTokenTtlMs: e.VISITOR_TOKEN_TTL_DAYS * 86_400_000,
    rateMessagesPerMinute: e.RATE_MESSAGES_PER_MINUTE,
    rateConversationsPerHour: e.RATE_CONVERSATIONS_PER_HOUR,
    rateConnectionsPerMinute: e.RATE_CONNECTIONS_PER_MINUTE,
    files: { maxBytes: e.FILE_MAX_BYTES, uploadsPerMinute: e.RATE_UPLOADS_PER_MINUTE, bytesPerDay: e.FILE_BYTES_PER_DAY },
    email: emailConfig(e),
    inboundSmtp: e.INBOUND_SMTP_PORT === undefined ? null : { port: e.INBOUND_SMTP_PORT, host: e.INBOUND_SMTP_HOST },
    agentAllowedOrigins: e.AGENT_ALLOWED_ORIGINS,
    frameBudgetScale: e.RATE_FRAME_BUDGET_SCALE,
    restRateScale: e.RATE_REST_SCALE,
    benchCounters: e.BENCH_COUNTERS,
  };
}

function emailConfig(e: z.infer<typeof EnvSchema>): EmailConfig | null {
  if (!e.SMTP_URL) return null;
  if (!e.MAIL_FROM) throw new ConfigError('Invalid configuration: MAIL_FROM is required when SMTP_URL is set');
  const domain = /@([a-z0-9.-]+)>?\s*$/i.exec(e.MAIL_FROM)?.[1];
  if (!domain) throw new ConfigError(`Invalid configuration: MAIL_FROM must hold an address like support@example.com (got ${JSON.stringify(e.MAIL_FROM)})`);
  return { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, replyDomain: e.MAIL_REPLY_DOMAIN ?? domain, allowPrivate: e.SMTP_ALLOW_PRIVATE };
}

function readConfigFile(path: string): Record<string, string> {
  if (!existsSync(path)) throw new ConfigError(`Invalid configuration: CONFIG_FILE ${path} does not exist`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`Invalid configuration: CONFIG_FILE ${path} is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`Invalid configuration: CONFIG_FILE ${path} must hold a JSON object`);
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
}
