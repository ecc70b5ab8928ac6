import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { AgentToServer, ServerToAgent, ServerToVisitor, VisitorToServer } from './index';
import { parseFrame, typesOf } from './parse';

const id = 'abcDEF123_-x';
const context = { url: 'https://shop.test/a', title: 'A' };

describe('visitor → server frames', () => {
  it.each([
    ['hello without token', { type: 'visitor.hello', protocol: 1, token: null, context }],
    ['hello resuming', { type: 'visitor.hello', protocol: 1, token: 'a.b', lastSeq: 7, conversationId: 'c-1', context, locale: 'es' }],
    ['send', { type: 'visitor.send', id, text: 'Where is my order?' }],
    ['send at the limit', { type: 'visitor.send', id, text: 'x'.repeat(LIMITS.messageText) }],
    ['typing', { type: 'visitor.typing', typing: true }],
    ['page', { type: 'visitor.page', context: { ...context, viewport: { width: 390, height: 844 } } }],
    ['escalate', { type: 'visitor.escalate', id }],
    ['feedback', { type: 'visitor.feedback', id, articleId: 'returns', messageSeq: 2, helpful: false }],
    ['choose', { type: 'visitor.choose', id, articleId: 'returns' }],
    ['csat', { type: 'visitor.csat', id, conversationId: 'c-1', rating: 5, comment: 'great' }],
    ['an NPS check', { type: 'visitor.nps', id, conversationId: 'c-1' }],
    ['an NPS answer', { type: 'visitor.nps', id, conversationId: 'c-1', score: 0, comment: 'slow delivery' }],
    ['an NPS decline', { type: 'visitor.nps', id, conversationId: 'c-1', score: null }],
    ['identify', { type: 'visitor.identify', identity: { name: 'Ana', email: 'ana@x.test', userId: 'u1', userHash: 'a'.repeat(64), attributes: { plan: 'pro', seats: 3 } } }],
    ['leave message', { type: 'visitor.leave_message', id, email: 'ana@x.test', text: 'call me' }],
    ['transcript to the known address', { type: 'visitor.transcript', id }],
    ['transcript to a typed address', { type: 'visitor.transcript', id, email: 'ana@x.test' }],
    ['ping', { type: 'ping' }],
  ])('accepts %s', (_name, frame) => {
    expect(VisitorToServer.safeParse(frame).success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'visitor.delete_everything' }],
    ['a send without id', { type: 'visitor.send', text: 'hi' }],
    ['a too-short id', { type: 'visitor.send', id: 'short', text: 'hi' }],
    ['an id with odd characters', { type: 'visitor.send', id: 'abc def ghi', text: 'hi' }],
    ['empty text', { type: 'visitor.send', id, text: '' }],
    ['whitespace-only text', { type: 'visitor.send', id, text: ' \n\t ' }],
    ['text over the limit', { type: 'visitor.send', id, text: 'x'.repeat(LIMITS.messageText + 1) }],
    ['text of the wrong type', { type: 'visitor.send', id, text: ['a'] }],
    ['a rating of 6', { type: 'visitor.csat', id, conversationId: 'c', rating: 6 }],
    ['a fractional rating', { type: 'visitor.csat', id, conversationId: 'c', rating: 4.5 }],
    ['an NPS score of 11', { type: 'visitor.nps', id, conversationId: 'c', score: 11 }],
    ['a negative NPS score', { type: 'visitor.nps', id, conversationId: 'c', score: -1 }],
    ['an NPS comment over 1000 characters', { type: 'visitor.nps', id, conversationId: 'c', score: 5, comment: 'x'.repeat(1_001) }],
    ['a bad email', { type: 'visitor.leave_message', id, email: 'not-an-email', text: 'x' }],
    ['a transcript to a bad email', { type: 'visitor.transcript', id, email: 'ana@' }],
    ['a transcript to an over-long email', { type: 'visitor.transcript', id, email: `${'a'.repeat(LIMITS.emailChars)}@x.test` }],
    ['a bad user hash', { type: 'visitor.identify', identity: { userId: 'u', userHash: 'zz' } }],
    ['too many attributes', { type: 'visitor.identify', identity: { attributes: Object.fromEntries(Array.from({ length: LIMITS.attributeCount + 1 }, (_, i) => [`k${i}`, i])) } }],
    ['a nested attribute', { type: 'visitor.identify', identity: { attributes: { deep: { deeper: 1 } } } }],
    ['an over-long url', { type: 'visitor.page', context: { url: 'x'.repeat(LIMITS.urlChars + 1), title: '' } }],
    ['an agent frame', { type: 'agent.send', id, conversationId: 'c', text: 'hi' }],
  ])('refuses %s', (_name, frame) => {
    expect(VisitorToServer.safeParse(frame).success).toBe(false);
  });
});

describe('agent → server frames', () => {
  it.each([
    { type: 'agent.hello', protocol: 1 },
    { type: 'agent.open', conversationId: 'c-1' },
    { type: 'agent.claim', id, conversationId: 'c-1' },
    { type: 'agent.send', id, conversationId: 'c-1', text: 'hi' },
    { type: 'agent.note', id, conversationId: 'c-1', text: 'vip' },
    { type: 'agent.resolve', id, conversationId: 'c-1' },
    { type: 'agent.transfer', id, conversationId: 'c-1', toAgentId: null, note: 'billing' },
    { type: 'agent.typing', conversationId: 'c-1', typing: false },
    { type: 'agent.presence', status: 'away' },
  ])('accepts $type', (frame) => {
    expect(AgentToServer.safeParse(frame).success).toBe(true);
  });

  it.each([
    ['presence offline (automatic only)', { type: 'agent.presence', status: 'offline' }],
    ['a conversation id with a path', { type: 'agent.open', conversationId: '../etc/passwd' }],
    ['a visitor frame', { type: 'visitor.send', id, text: 'hi' }],
    ['a note without text', { type: 'agent.note', id, conversationId: 'c' }],
  ])('refuses %s', (_name, frame) => {
    expect(AgentToServer.safeParse(frame).success).toBe(false);
  });
});

describe('server frames', () => {
  it('has an error frame in both directions with a catalogued code', () => {
    const error = { type: 'error', code: 'rate_limited', message: 'slow down' };
    expect(ServerToVisitor.safeParse(error).success).toBe(true);
    expect(ServerToAgent.safeParse(error).success).toBe(true);
    expect(ServerToVisitor.safeParse({ ...error, code: 'made_up' }).success).toBe(false);
  });
});

describe('parseFrame', () => {
  const types = typesOf(VisitorToServer);
  it.each([
    ['{', 'bad_frame'],
    ['null', 'bad_frame'],
    ['"text"', 'bad_frame'],
    ['[]', 'bad_frame'],
    ['{"type":"nope"}', 'unknown_type'],
    ['{"type":"visitor.send","id":"abcdefgh","text":""}', 'bad_frame'],
    [JSON.stringify({ type: 'visitor.send', id, text: 'x'.repeat(LIMITS.messageText + 1) }), 'text_too_long'],
    ['x'.repeat(LIMITS.frameBytes + 1), 'frame_too_large'],
  ])('maps %s… to %s', (raw, code) => {
    const r = parseFrame(VisitorToServer, raw, types);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('keeps the client id of an invalid frame so the client can match the error to its send', () => {
    const r = parseFrame(VisitorToServer, JSON.stringify({ type: 'visitor.send', id, text: '' }), types);
    expect(r.ok === false && r.id).toBe(id);
  });

  it('returns the typed frame when valid', () => {
    const r = parseFrame(VisitorToServer, JSON.stringify({ type: 'visitor.send', id, text: '  hi  ' }), types);
    expect(r).toEqual({ ok: true, value: { type: 'visitor.send', id, text: 'hi' } });
  });
});
