import { useCallback } from 'preact/hooks';
import type { Delivery, Webhook } from '../api';
import { failureText, type NewWebhook, type SettingsApi } from '../client';
import { useResource } from '../../ops/model/resource';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const failure = (e: unknown): { ok: false; message: string } => ({ ok: false, message: failureText(e) });

/** The webhooks of a site (or of all sites) and the actions on them. */
export function useWebhooks(api: SettingsApi, site: string | null) {
  const [list, reload] = useResource(() => api.webhooks(site), site ?? '');

  const create = useCallback(
    async (input: NewWebhook): Promise<Outcome<Webhook>> => {
      try {
        const created = await api.createWebhook(input);
        reload();
        return { ok: true, value: created };
      } catch (e) {
        return failure(e);
      }
    },
    [api, reload],
  );

  const remove = useCallback(
    async (id: string): Promise<Outcome<null>> => {
      try {
        await api.deleteWebhook(id);
        reload();
        return { ok: true, value: null };
      } catch (e) {
        return failure(e);
      }
    },
    [api, reload],
  );

  const deliveries = useCallback(async (id: string): Promise<Outcome<Delivery[]>> => {
    try {
      return { ok: true, value: await api.deliveries(id) };
    } catch (e) {
      return failure(e);
    }
  }, [api]);

  const sendTest = useCallback(
    async (id: string): Promise<Outcome<Delivery>> => {
      try {
        return { ok: true, value: await api.testWebhook(id) };
      } catch (e) {
        return failure(e);
      }
    },
    [api],
  );

  return { list, reload, create, remove, deliveries, sendTest };
}

export type Webhooks = ReturnType<typeof useWebhooks>;
