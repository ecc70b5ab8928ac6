import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createInProcessBus } from './in-process-bus';
import type { Bus, BusEvent, BusHandler } from './bus';

export interface RedisBusOptions {
  url: string;
  /** Prefix of every channel, so several deployments can share one Redis. */
  prefix?: string;
  onHandlerError?: (e: unknown) => void;
  log?: (level: 'info' | 'warn', msg: string) => void;
}

/** What crosses Redis: the event and the node that published it (a node never re-delivers its own). */
interface Envelope {
  n: string;
  e: BusEvent;
}

/** Published on this channel when a node may have missed events: every node then resyncs its sockets. */
const RESYNC_CHANNEL = 'resync';

/**
 * The bus for several nodes: events reach local subscribers at once and every other node through Redis
 * pub/sub. Pub/sub delivers at most once and forgets what it could not deliver; PostgreSQL holds every
 * message with its per-conversation `seq`, so after a gap (this node lost Redis, or could not publish) every
 * local subscriber gets `{ kind: 'resync' }` and reloads from the database. See docs/SCALE.md.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const nodeId = randomUUID();
  const prefix = options.prefix ?? 'chat:';
  const log = options.log ?? (() => {});
  const local = createInProcessBus(options.onHandlerError);
  const topics = new Map<string, number>();
  // Commands fail at once while Redis is away instead of queueing without bound; the resync covers the gap.
  const common = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n: number) => Math.min(100 * 2 ** n, 2_000) };
  const pub = new Redis(options.url, { ...common, connectionName: `chat-pub-${nodeId}` });
  const sub = new Redis(options.url, { ...common, enableOfflineQueue: true, connectionName: `chat-sub-${nodeId}` });
  for (const client of [pub, sub]) client.on('error', (e: Error) => log('warn', `redis: ${e.message}`));

  let missed = false;
  let closing = false;

  const resyncLocal = () => {
    for (const topic of topics.keys()) local.publish(topic, { kind: 'resync' });
  };

  sub.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(prefix)) return;
    const topic = channel.slice(prefix.length);
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.n === nodeId) return;
    if (topic === RESYNC_CHANNEL) resyncLocal();
    else local.publish(topic, envelope.e);
  });

  // `ready` after a lost connection: we may have missed events from others, and they may have missed ours.
  let connectedOnce = false;
  const onReady = () => {
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    if (closing) return;
    log('info', 'redis: reconnected; resyncing sockets from the database');
    resyncLocal();
    void broadcastResync();
  };
  sub.on('ready', onReady);
  pub.on('ready', () => {
    if (missed) void broadcastResync();
  });

  async function broadcastResync(): Promise<void> {
    try {
      await pub.publish(prefix + RESYNC_CHANNEL, JSON.stringify({ n: nodeId, e: { kind: 'resync' } } satisfies Envelope));
      missed = false;
    } catch {
      missed = true;
    }
  }

  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(prefix + RESYNC_CHANNEL);

  return {
    publish(topic: string, event: BusEvent) {
      local.publish(topic, event);
      if (closing) return;
      pub.publish(prefix + topic, JSON.stringify({ n: nodeId, e: event } satisfies Envelope)).catch(() => {
        // Other nodes will not see this event: once Redis is back they are told to resync.
        missed = true;
      });
    },
    subscribe(topic: string, handler: BusHandler) {
      const off = local.subscribe(topic, handler);
      const count = topics.get(topic) ?? 0;
      topics.set(topic, count + 1);
      // Until Redis confirms the subscription, other nodes' events for it pass us by: once it does, the
      // topic's subscribers reload from the database, so nothing published in that window is missed.
      if (count === 0) {
        sub
          .subscribe(prefix + topic)
          .then(() => topics.has(topic) && local.publish(topic, { kind: 'resync' }))
          .catch(() => {});
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        off();
        const left = (topics.get(topic) ?? 1) - 1;
        if (left > 0) topics.set(topic, left);
        else {
          topics.delete(topic);
          if (!closing) sub.unsubscribe(prefix + topic).catch(() => {});
        }
      };
    },
    async close() {
      closing = true;
      await local.close();
      topics.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
