import { z } from 'zod';
import { ErrorFrame } from '../../errors';
import { Ping, Pong } from '../ping';
import { VisitorHello } from './hello';
import { VisitorSend } from './send';
import { VisitorTyping } from './typing';
import { VisitorPage } from './page';
import { VisitorEscalate } from './escalate';
import { VisitorFeedback } from './feedback';
import { VisitorChoose } from './choose';
import { VisitorCsat } from './csat';
import { VisitorNps } from './nps';
import { VisitorIdentify } from './identify';
import { VisitorLeaveMessage } from './leave-message';
import { VisitorTranscript } from './transcript';
import { VisitorWelcome } from './welcome';
import { Ack } from './ack';
import { MessageFrame } from './message';
import { VisitorStatus } from './status';
import { AgentTypingToVisitor } from './agent-typing';
import { ReplayPage, VisitorHistory } from './history';

export * from './hello';
export * from './send';
export * from './typing';
export * from './page';
export * from './escalate';
export * from './feedback';
export * from './choose';
export * from './csat';
export * from './nps';
export * from './identify';
export * from './leave-message';
export * from './transcript';
export * from './welcome';
export * from './ack';
export * from './message';
export * from './status';
export * from './agent-typing';
export * from './history';

/** Everything a visitor may send. */
export const VisitorToServer = z.discriminatedUnion('type', [
  VisitorHello,
  VisitorSend,
  VisitorTyping,
  VisitorPage,
  VisitorEscalate,
  VisitorFeedback,
  VisitorChoose,
  VisitorCsat,
  VisitorNps,
  VisitorIdentify,
  VisitorLeaveMessage,
  VisitorTranscript,
  VisitorHistory,
  Ping,
]);
export type VisitorToServer = z.infer<typeof VisitorToServer>;

/** Everything the server sends a visitor. */
export const ServerToVisitor = z.discriminatedUnion('type', [
  VisitorWelcome,
  Ack,
  MessageFrame,
  VisitorStatus,
  AgentTypingToVisitor,
  ReplayPage,
  ErrorFrame,
  Pong,
]);
export type ServerToVisitor = z.infer<typeof ServerToVisitor>;
