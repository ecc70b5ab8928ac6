import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  TRUST_PROXY: bool.default(false),
  /** Per visitor: sustained messages per minute (bursts of a third of it are fine). */
  RATE_MESSAGES_PER_MINUTE: int(1, 100_000).default(30),
  /** Per visitor: new conversations per hour. */
  RATE_CONVERSATIONS_PER_HOUR: int(1, 100_000).default(20),
  /** Per IP address: new visitor connections per minute. */
  RATE_CONNECTIONS_PER_MINUTE: int(1, 1_000_000).default(600),
  /** Multiplies every WebSocket frame budget (bursts and refill rates; docs/SECURITY.md). Load tests raise it. */
  RATE_FRAME_BUDGET_SCALE: z.coerce.number().min(0.1).max(100_000).default(1),
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
  trustProxy: boolean;
  rateMessagesPerMinute: number;
  rateConversationsPerHour: number;
  rateConnectionsPerMinute: number;
  agentAllowedOrigins: string[];
  frameBudgetScale: number;
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
    rateMessagesPerMinute: e.RATE_MESSAGES_PER_MINUTE,
    rateConversationsPerHour: e.RATE_CONVERSATIONS_PER_HOUR,
    rateConnectionsPerMinute: e.RATE_CONNECTIONS_PER_MINUTE,
    agentAllowedOrigins: e.AGENT_ALLOWED_ORIGINS,
    frameBudgetScale: e.RATE_FRAME_BUDGET_SCALE,
  };
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
