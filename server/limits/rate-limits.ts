import { AppError } from '../../shared/errors';
import type { Config } from '../config';
import { TokenBuckets } from './token-bucket';

/** The limits that keep one visitor or one address from flooding the service (see README). */
export class RateLimits {
  readonly messages: TokenBuckets;
  /** Many visitors can share an address (offices, mobile carriers): ten times a visitor's allowance. */
  readonly messagesPerAddress: TokenBuckets;
  readonly conversations: TokenBuckets;
  readonly connections: TokenBuckets;
  private readonly timer: NodeJS.Timeout;

  constructor(config: Pick<Config, 'rateMessagesPerMinute' | 'rateConversationsPerHour' | 'rateConnectionsPerMinute'>) {
    this.messages = new TokenBuckets({ capacity: Math.max(5, Math.ceil(config.rateMessagesPerMinute / 3)), refillPerSecond: config.rateMessagesPerMinute / 60 });
    this.messagesPerAddress = new TokenBuckets({ capacity: Math.max(50, Math.ceil((config.rateMessagesPerMinute * 10) / 3)), refillPerSecond: (config.rateMessagesPerMinute * 10) / 60 });
    this.conversations = new TokenBuckets({ capacity: Math.max(2, Math.ceil(config.rateConversationsPerHour / 4)), refillPerSecond: config.rateConversationsPerHour / 3_600 });
    this.connections = new TokenBuckets({ capacity: Math.max(10, Math.ceil(config.rateConnectionsPerMinute / 2)), refillPerSecond: config.rateConnectionsPerMinute / 60 });
    this.timer = setInterval(() => {
      for (const b of [this.messages, this.messagesPerAddress, this.conversations, this.connections]) b.sweep();
    }, 60_000);
    this.timer.unref();
  }

  /** Throws `rate_limited` with a wait a person can act on. */
  static check(buckets: TokenBuckets, key: string, what: string): void {
    const wait = buckets.take(key);
    if (wait > 0) throw new AppError('rate_limited', `${what}: please wait ${Math.ceil(wait / 1000)} s and try again`);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
