import type { BotPayload, SystemPayload } from '../../shared/protocol/index';

/**
 * English fallbacks stored in `text` for clients that do not translate the structured payload
 * (and for transcripts and webhooks). The widget and console render from the payload.
 */
export function botFallbackText(payload: BotPayload): string {
  switch (payload.type) {
    case 'answer': return payload.article.title;
    case 'suggest': return 'These articles might help:';
    case 'smalltalk': return SMALLTALK[payload.reply] ?? 'OK.';
    case 'escalate': return payload.mode === 'offer' ? "I couldn't find an answer to that. Would you like to talk to a person?" : 'Let me connect you with a person.';
  }
}

const SMALLTALK: Record<string, string> = {
  greeting: 'Hi! What can I help you with today?',
  thanks: "You're welcome! Anything else I can help with?",
  goodbye: 'Goodbye, and thanks for stopping by!',
  ack: 'Okay. Anything else I can help with?',
};

export function systemFallbackText(payload: SystemPayload): string {
  switch (payload.event) {
    case 'escalated': return 'Waiting for an agent to join.';
    case 'agent_joined': return `${payload.name ?? 'An agent'} joined the chat.`;
    case 'agent_left': return `${payload.name ?? 'The agent'} left the chat.`;
    case 'returned_to_queue': return 'Waiting for the next available agent.';
    case 'transferred': return `Transferred to ${payload.name ?? 'another agent'}.`;
    case 'resolved': return 'This chat was marked as resolved.';
    case 'offline': return "No one is available right now. Leave a message with your email and we'll get back to you.";
  }
}
