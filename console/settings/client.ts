import type { z } from 'zod';
import { AdminApiError, adminRest, type AdminMe } from '../admin/rest';
import {
  AdminAgent,
  AdminSite,
  AgentsResponse,
  Canned,
  CannedResponse,
  DeliveriesResponse,
  DeliveryResponse,
  SiteSecret,
  SitesResponse,
  WebhookResponse,
  WebhooksResponse,
  type Delivery,
  type SiteSettings,
  type Webhook,
  type WebhookEvent,
} from './api';

export interface SitePatch {
  name?: string;
  disabled?: boolean;
  allowedOrigins?: string[];
  settings?: Partial<SiteSettings>;
}
export interface NewAgent {
  email: string;
  name: string;
  role: 'agent' | 'admin';
  password: string;
}
export interface AgentPatch {
  name?: string;
  role?: 'agent' | 'admin';
  disabled?: boolean;
  password?: string;
  capacity?: number;
}
export interface NewWebhook {
  site: string;
  url: string;
  events: WebhookEvent[];
  format: 'json' | 'slack';
  description: string;
}

export interface SettingsApi {
  me(): Promise<AdminMe | null>;
  logout(): Promise<void>;
  sites(): Promise<AdminSite[]>;
  createSite(input: { name: string; allowedOrigins?: string[] }): Promise<AdminSite>;
  updateSite(id: string, patch: SitePatch): Promise<AdminSite>;
  /** Deleting erases the site's history, so the server wants its key as confirmation. */
  deleteSite(id: string, confirmKey: string): Promise<void>;
  secret(id: string): Promise<SiteSecret>;
  rotateSecret(id: string, graceHours: number): Promise<SiteSecret>;
  agents(): Promise<AdminAgent[]>;
  addAgent(input: NewAgent): Promise<AdminAgent>;
  updateAgent(id: string, patch: AgentPatch): Promise<AdminAgent>;
  canned(): Promise<Canned[]>;
  createCanned(input: { shortcut: string; text: string }): Promise<Canned>;
  updateCanned(id: string, input: { shortcut: string; text: string }): Promise<Canned>;
  deleteCanned(id: string): Promise<void>;
  webhooks(site: string | null): Promise<Webhook[]>;
  createWebhook(input: NewWebhook): Promise<Webhook>;
  deleteWebhook(id: string): Promise<void>;
  deliveries(id: string): Promise<Delivery[]>;
  testWebhook(id: string): Promise<Delivery>;
}

/**
 * The settings page's REST client. A 401 from any call means the session ended: `onSignedOut`
 * runs (the page goes to the console's sign-in) and the call still fails.
 */
export function createSettingsApi(onSignedOut: () => void, fetchImpl: typeof fetch = (...a) => fetch(...a)): SettingsApi {
  const { call, request, me, logout } = adminRest(onSignedOut, fetchImpl);
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
  const id = encodeURIComponent;
  const remove = async (path: string) => void (await request(path, { method: 'DELETE' }));

  return {
    me,
    logout,
    sites: async () => (await call('/api/admin/sites', SitesResponse)).sites,
    createSite: (input) => call('/api/admin/sites', AdminSite, json('POST', input)),
    updateSite: (siteId, patch) => call(`/api/admin/sites/${id(siteId)}`, AdminSite, json('PATCH', patch)),
    deleteSite: (siteId, confirmKey) => remove(`/api/admin/sites/${id(siteId)}?confirm=${id(confirmKey)}`),
    secret: (siteId) => call(`/api/admin/sites/${id(siteId)}/secret`, SiteSecret),
    rotateSecret: (siteId, graceHours) => call(`/api/admin/sites/${id(siteId)}/secret/rotate`, SiteSecret, json('POST', { graceHours })),
    agents: async () => (await call('/api/admin/agents', AgentsResponse)).agents,
    addAgent: (input) => call('/api/admin/agents', AdminAgent, json('POST', input)),
    updateAgent: (agentId, patch) => call(`/api/admin/agents/${id(agentId)}`, AdminAgent, json('PATCH', patch)),
    canned: async () => (await call('/api/canned', CannedResponse)).items,
    createCanned: (input) => call('/api/canned', Canned, json('POST', input)),
    updateCanned: (cannedId, input) => call(`/api/canned/${id(cannedId)}`, Canned, json('PUT', input)),
    deleteCanned: (cannedId) => remove(`/api/canned/${id(cannedId)}`),
    webhooks: async (site) => (await call(`/api/ops/webhooks${site ? `?site=${id(site)}` : ''}`, WebhooksResponse)).webhooks,
    createWebhook: async (input) => (await call('/api/ops/webhooks', WebhookResponse, json('POST', input))).webhook,
    deleteWebhook: (hookId) => remove(`/api/ops/webhooks/${id(hookId)}`),
    deliveries: async (hookId) => (await call(`/api/ops/webhooks/${id(hookId)}/deliveries`, DeliveriesResponse)).deliveries,
    testWebhook: async (hookId) => (await call(`/api/ops/webhooks/${id(hookId)}/test`, DeliveryResponse, { method: 'POST' })).delivery,
  };
}

/** The message to show for a failed call: the server's words when it sent some. */
export function failureText(e: unknown): string {
  return e instanceof AdminApiError && e.detail ? e.detail : e instanceof Error ? e.message : String(e);
}
