import { VisitorTokens } from './auth/visitor-token';
import type { Bot } from './bot/index';
import type { Bus } from './bus/bus';
import type { Config } from './config';
import { AgentService } from './conversations/agent-service';
import { ArticleTrust } from './conversations/article-trust';
import { ConversationCore } from './conversations/core';
import { VisitorService } from './conversations/visitor-service';
import { SharedFrameBudgets } from './limits/frame-budget';
import { RateLimits } from './limits/rate-limits';
import type { Store } from './store/store';
import { EmailService } from './email/email-service';
import { VisitorSockets } from './email/visitor-sockets';
import { FileService } from './files/file-service';

/** The server's shared services, built once and decorated onto the app. */
export interface Services {
  config: Config;
  store: Store;
  bus: Bus;
  bot: Bot;
  core: ConversationCore;
  visitors: VisitorService;
  agents: AgentService;
  limits: RateLimits;
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
  /** Attachments: site policy, sniffing, upload metering and who may read a file. */
  files: FileService;
}

export async function createServices(config: Config, store: Store, bus: Bus, bot: Bot): Promise<Services> {
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
  const files = new FileService(store, config.files);
  return { config, store, bus, bot, core, visitors, agents, limits, trust, tokens, frameBudgets: new SharedFrameBudgets(config.frameBudgetScale), visitorSockets, email, emailReplyKey, files };
}
