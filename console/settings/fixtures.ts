import type { AdminSite } from './api';

/** Answers of the admin API as the server sends them, for component tests. */
export const siteJson = (over: Partial<AdminSite> = {}): AdminSite => ({
  id: 's1',
  key: 'demo',
  name: 'Northwind Outfitters',
  disabled: false,
  allowedOrigins: [],
  settings: {
    color: '#1f5fd1',
    greeting: null,
    position: 'right',
    locale: null,
    launcherLabel: null,
    preChatFields: [],
    assignMode: 'pick',
    requireVerification: false,
    businessHours: null,
    reopenWindowMinutes: 30,
    replyTimeMinutes: null,
  },
  createdAt: '2025-03-01T00:00:00.000Z',
  snippet: '<script src="https://chat.example.com/widget.js" data-site="demo" async></script>',
  ...over,
});

export const webhooksJson = {
  webhooks: [
    { id: 'w1', site: 'demo', url: 'https://hooks.example/x', format: 'json', events: ['conversation.escalated'], description: '', active: true, secretHint: 'whsec_abcd…', createdAt: '2025-03-01T00:00:00.000Z', updatedAt: '2025-03-01T00:00:00.000Z' },
  ],
};

export const deliveryJson = (over: Record<string, unknown> = {}) => ({
  id: 'd1', eventId: 'e1', eventType: 'conversation.escalated', status: 'failed', attempts: 3, nextAttemptAt: null, lastStatusCode: 500, lastError: 'HTTP 500', createdAt: '2025-03-01T10:00:00.000Z', deliveredAt: null, body: '{}', log: [], ...over,
});

export const agentsJson = {
  agents: [
    { id: 'a1', email: 'admin@demo.test', name: 'Sam Admin', role: 'admin', disabled: false, capacity: 3, presence: 'offline' },
    { id: 'a2', email: 'agent@demo.test', name: 'Alex Agent', role: 'agent', disabled: false, capacity: 3, presence: 'online' },
  ],
};

export const me = { id: 'a1', email: 'admin@demo.test', name: 'Sam Admin', role: 'admin' as const };
