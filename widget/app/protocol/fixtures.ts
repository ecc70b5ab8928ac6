import type { ServerToVisitor, WireMessage } from '../../../shared/protocol/index';

/** Realistic server frames, shared by protocol and model tests. */
export function wireMessage(over: Partial<WireMessage> = {}): WireMessage {
  return {
    id: `m${over.seq ?? 1}`,
    conversationId: 'c1',
    seq: 1,
    author: 'bot',
    authorName: null,
    kind: 'text',
    text: 'Hello',
    bot: null,
    system: null,
    createdAt: 1_700_000_000_000,
    ...over,
  };
}

export const article = { id: 'reset-password', title: 'Reset your password', excerpt: 'Use the link on the sign-in page.', url: 'https://example.com/kb/reset', html: '<p>Use the link</p>' };

export function welcome(over: Partial<Extract<ServerToVisitor, { type: 'visitor.welcome' }>> = {}): Extract<ServerToVisitor, { type: 'visitor.welcome' }> {
  return {
    type: 'visitor.welcome',
    protocol: 1,
    visitorId: 'v1',
    token: 'tok-1',
    conversationId: null,
    status: null,
    queuePosition: null,
    agentName: null,
    agentsOnline: true,
    messages: [],
    more: false,
    site: { name: 'Demo Shop', color: null, greeting: null, position: null, locale: null, launcherLabel: null, preChatFields: [] },
    ...over,
  };
}

export const sampleFrames: ServerToVisitor[] = [
  welcome(),
  welcome({ conversationId: 'c1', status: 'queued', queuePosition: 2, messages: [wireMessage()], more: true }),
  { type: 'ack', id: 'abcdefgh12', conversationId: 'c1', seq: 3 },
  { type: 'message', message: wireMessage({ bot: { type: 'answer', article, confidence: 0.8 } }) },
  { type: 'message', message: wireMessage({ bot: { type: 'suggest', suggestions: [article], confidence: 0.4 } }) },
  { type: 'message', message: wireMessage({ bot: { type: 'smalltalk', reply: 'greeting' } }) },
  { type: 'message', message: wireMessage({ bot: { type: 'escalate', reason: 'low_confidence', mode: 'offer' } }) },
  { type: 'message', message: wireMessage({ author: 'system', system: { event: 'agent_joined', name: 'Ana' } }) },
  { type: 'status', conversationId: 'c1', status: 'assigned', queuePosition: null, agentName: 'Ana', agentsOnline: true },
  { type: 'typing', typing: true, name: 'Ana' },
  { type: 'error', code: 'rate_limited', message: 'slow down', id: 'abcdefgh12' },
  { type: 'pong' },
];
