import type { WebhookEventType } from './schema';

/** One outgoing event, read from a stored event or message row. */
export interface OutgoingEvent {
  /** Stable across retries and nodes: `evt_<events.id>` or `msg_<conversation>_<seq>`. */
  id: string;
  type: WebhookEventType;
  createdAt: number;
  site: { id: string; key: string; name: string };
  conversationId: string | null;
  actor: { type: string; id: string | null } | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** Extra facts only the Slack text needs, looked up when the delivery is queued. */
export interface SlackContext { lastVisitorText: string | null; agentName: string | null }

export function jsonBody(e: OutgoingEvent): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    createdAt: new Date(e.createdAt).toISOString(),
    site: { key: e.site.key, name: e.site.name },
    conversationId: e.conversationId,
    actor: e.actor,
    reason: e.reason,
    data: e.data,
  });
}

/** Slack's mrkdwn treats &, < and > as control characters; visitor text must not open links or mentions. */
const escape = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const quote = (s: string | null): string => (s ? `\n> ${escape(s.slice(0, 300)).replaceAll('\n', '\n> ')}` : '');
const REASONS: Record<string, string> = {
  asked_for_human: 'the visitor asked for a person',
  low_confidence: 'the bot had no confident answer',
  repeated_failure: 'the bot failed several times',
  always_human_topic: 'the topic always goes to a person',
  negative_feedback: 'the visitor said an answer did not help',
};

function slackText(e: OutgoingEvent, ctx: SlackContext): string {
  const where = `*${escape(e.site.name)}*`;
  switch (e.type) {
    case 'conversation.escalated':
      return `:rotating_light: Chat on ${where} needs a person (${REASONS[e.reason ?? ''] ?? escape(e.reason ?? 'escalated')})${e.data.outcome === 'offline' ? ', no agent is online: it became a ticket' : ''}.${quote(ctx.lastVisitorText)}`;
    case 'conversation.started':
      return `New chat on ${where}.`;
    case 'conversation.assigned':
      return `Chat on ${where} assigned to ${escape(ctx.agentName ?? 'an agent')}.`;
    case 'conversation.resolved':
      return `Chat on ${where} resolved${ctx.agentName ? ` by ${escape(ctx.agentName)}` : ''}.`;
    case 'message.created': {
      const m = e.data.message as { author?: string; text?: string } | undefined;
      return `New ${escape(m?.author ?? '')} message on ${where}.${quote(m?.text ?? null)}`;
    }
    case 'csat.submitted':
      return `Chat on ${where} rated ${String(e.data.rating)}/5.${quote(typeof e.data.comment === 'string' ? e.data.comment : null)}`;
    case 'ticket.created':
      return `New ticket on ${where} from ${escape(String(e.data.email ?? 'a visitor'))}.${quote(ctx.lastVisitorText)}`;
  }
}

/** A Slack incoming-webhook message; `text` is also what notifications show. */
export function slackBody(e: OutgoingEvent, ctx: SlackContext): string {
  return JSON.stringify({ text: slackText(e, ctx) });
}
