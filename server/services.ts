import { VisitorTokens } from './auth/visitor-token';
import type { Bot } from './bot/index';
import type { Bus } from './bus/bus';
import type { Config } from './config';
import { AgentService } from './conversations/agent-service';
import { ArticleTrust } from './conversations/article-trust';
import { ConversationCore } from './conversations/core';
import { LiveFeed, type FeedLog } from './conversations/feed/feed';
import { VisitorService } from './conversations/visitor-service';
import { SharedFrameBudgets } from './limits/frame-budget';
import { RateLimits } from './limits/rate-limits';
import { RestMeters } from './limits/rest-meters';
import type { Store } from './store/store';
import { EmailService } from './email/email-service';
import { VisitorSockets } from './email/visitor-sockets';
import { ReplyTimes } from './sites/reply-time';
import { FileService } from './files/file-service';

/** The server's shared services, built once and decorated onto the app. */
export interface Services {
  config: Config;
  store: Store;
  bus: Bus;
  bot: Bot;
  core: ConversationCore;
  /** The node's live feed: builds each frame once per change and hands it to the sockets of a room. */
  feed: LiveFeed;
  visitors: VisitorService;
  agents: AgentService;
  limits: RateLimits;
  /** The HTTP routes' allowances (server/http/rest-metering.ts). */
  rest: RestMeters;
  /** Frame budgets shared by all sockets of one visitor or agent. */
  frameBudgets: SharedFrameBudgets;
  /** The bot's per-site trust in articles, lowered by live feedback. */
  trust: ArticleTrust;
  tokens: VisitorTokens;
  /** Visitors with a socket open on this node. */
  visitorSockets: VisitorSockets;
  /** Null without SMTP_URL: then nothing promises or sends email. */
  email: EmailService | null;
  /** Signs reply+TOKEN addresses (inbound mail checks them). */
  emailReplyKey: string;
  /** Each site's measured first-reply median, cached per node, for the widget's "usually replies in". */
  replyTimes: ReplyTimes;
  /** Attachments: site policy, sniffing, upload metering and who may read a file. */
  files: FileService;
}

export async function createServices(config: Config, store: Store, bus: Bus, bot: Bot, log?: FeedLog): Promise<Services> {
  const core = new ConversationCore(store, bus);
  const agents = new AgentService(core);
  const tokens = new VisitorTokens(await store.setting('visitor_token_key', VisitorService.newTokenKey), config.visitorTokenTtlMs);
  const limits = new RateLimits(config);
  const trust = new ArticleTrust(store);
  await trust.load();
  const visitors = new VisitorService(core, bot, tokens, agents, limits, trust);
  const emailReplyKey = await store.setting('email_reply_key', VisitorService.newTokenKey);
  const visitorSockets = new VisitorSockets();
  const email = config.email ? new EmailService(store, config.email, emailReplyKey, visitorSockets) : null;
  const feed = new LiveFeed(store, bus, log);
  const files = new FileService(store, config.files);
  return { config, store, bus, bot, core, feed, visitors, agents, limits, rest: new RestMeters(config.restRateScale), trust, tokens, frameBudgets: new SharedFrameBudgets(config.frameBudgetScale), visitorSockets, email, emailReplyKey, replyTimes: new ReplyTimes(store.sql), files };
}
