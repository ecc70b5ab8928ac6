export { WebhookDispatcher, DEFAULT_DISPATCHER, type DispatcherOptions } from './dispatcher';
export { webhookRoutes } from './routes';
export { HEADERS, sign, verify } from './sign';
export { WEBHOOK_EVENTS, type WebhookEventType } from './schema';
