import { parseArgs } from 'node:util';
import { z } from 'zod';

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every knob of `npm run bench`; the defaults finish in about three minutes on a 2-core machine. */
const Options = z.object({
  /** Visitor sockets opened and held (each says hello, as the widget does). */
  sockets: count(1, 50_000).default(10_000),
  /** Visitor messages per second offered during the measured window. */
  rate: count(1, 20_000).default(1_000),
  /** Length of the measured window. */
  seconds: count(1, 600).default(10),
  /** Traffic before the window that is not measured (conversations get created, JIT warms up). */
  warmup: count(0, 120).default(3),
  /** Held sockets that send messages to the bot (the rest stay idle, like most visitors). */
  active: count(1, 50_000).default(1_000),
  /** Held sockets whose chats are escalated and claimed by the two demo agents. */
  humans: count(0, 1_000).default(50),
  /** Handshakes in flight while connecting. */
  concurrency: count(1, 5_000).default(200),
  store: z.enum(['pglite', 'postgres', 'both']).default('both'),
  /** Also run two server processes on PostgreSQL + Redis (needs DATABASE_URL and REDIS_URL). */
  'two-nodes': z.boolean().default(true),
  /** Skip the bare `ws` floor run. */
  echo: z.boolean().default(true),
  /** Write a V8 CPU profile of each chat server to this directory. */
  'cpu-prof': z.string().optional(),
});
export type BenchOptions = z.infer<typeof Options>;

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        sockets: { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string' },
        warmup: { type: 'string' },
        active: { type: 'string' },
        humans: { type: 'string' },
        concurrency: { type: 'string' },
        store: { type: 'string' },
        'no-echo': { type: 'boolean' },
        'no-two-nodes': { type: 'boolean' },
        'cpu-prof': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { 'no-echo': noEcho, 'no-two-nodes': noTwoNodes, ...rest } = values;
  const parsed = Options.safeParse({ ...rest, echo: !noEcho, 'two-nodes': !noTwoNodes });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

export const USAGE = `usage: npm run bench -- [--sockets N] [--rate N] [--seconds N] [--warmup N] [--active N] [--humans N]
                          [--concurrency N] [--store pglite|postgres|both] [--no-echo] [--no-two-nodes] [--cpu-prof DIR]
PostgreSQL runs when DATABASE_URL is set (each run gets a fresh schema, dropped afterwards); the two-node
run (two servers on PostgreSQL sharing events through Redis) when REDIS_URL is set too.`;
