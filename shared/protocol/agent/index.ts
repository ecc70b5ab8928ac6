import { z } from 'zod';
import { ErrorFrame } from '../../errors';
import { Ping, Pong } from '../ping';
import { Ack } from '../visitor/ack';
import { MessageFrame } from '../visitor/message';
import { AgentHello } from './hello';
import { AgentOpen } from './open';
import { AgentClaim } from './claim';
import { AgentSend } from './send';
import { AgentNote } from './note';
import { AgentResolve } from './resolve';
import { AgentTransfer } from './transfer';
import { AgentTyping, VisitorTypingToAgent } from './typing';
import { AgentPresence } from './presence';
import { AgentWelcome } from './welcome';
import { QueueSnapshot } from './queue';
import { ConversationFrame, ConversationUpdated } from './conversation';
import { AgentHistory, HistoryPage } from './history';

export * from './views';
export * from './hello';
export * from './open';
export * from './claim';
export * from './send';
export * from './note';
export * from './resolve';
export * from './transfer';
export * from './typing';
export * from './presence';
export * from './welcome';
export * from './queue';
export * from './conversation';
export * from './history';

/** Everything an agent's console may send. */
export const AgentToServer = z.discriminatedUnion('type', [
  AgentHello,
  AgentOpen,
  AgentClaim,
  AgentSend,
  AgentNote,
  AgentResolve,
  AgentTransfer,
  AgentTyping,
  AgentPresence,
  AgentHistory,
  Ping,
]);
export type AgentToServer = z.infer<typeof AgentToServer>;

/** Everything the server sends an agent's console. */
export const ServerToAgent = z.discriminatedUnion('type', [
  AgentWelcome,
  QueueSnapshot,
  ConversationFrame,
  ConversationUpdated,
  HistoryPage,
  MessageFrame,
  Ack,
  VisitorTypingToAgent,
  ErrorFrame,
  Pong,
]);
export type ServerToAgent = z.infer<typeof ServerToAgent>;
