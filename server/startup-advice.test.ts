import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAgent } from './agents/manage';
import { loadConfig } from './config';
import { createSite } from './sites/manage';
import { startupAdvice } from './startup-advice';
import { openStore } from './store/open';
import type { Store } from './store/store';

describe('startup advice for a production server', () => {
  let store: Store;
  const production = loadConfig({ NODE_ENV: 'production', KB_DIR: '/srv/chat/kb' });
  beforeEach(async () => {
    store = await openStore({ databaseUrl: null, dataDir: null });
  });
  afterEach(() => store.close());

  it('names the exact commands for the first admin and the first site', async () => {
    const advice = (await startupAdvice(store, production)).join('\n');
    expect(advice).toContain('npm run agents -- add --email you@example.com --name "Your Name" --role admin');
    expect(advice).toContain('npm run sites -- add --name "My shop" --origin https://www.example.com');
    expect(advice).toContain('stop the server first');
  });

  it('asks only for what is missing, and nothing once both exist', async () => {
    await addAgent(store, { email: 'owner@shop.test', name: 'Owner', role: 'admin', password: 'long enough' });
    const advice = (await startupAdvice(store, production)).join('\n');
    expect(advice).not.toContain('npm run agents');
    expect(advice).toContain('npm run sites -- add');
    await createSite(store, { name: 'Shop' });
    expect(await startupAdvice(store, production)).toEqual([]);
  });

  it('says the bot would answer from the demo shop\'s articles while KB_DIR is not set', async () => {
    await addAgent(store, { email: 'owner@shop.test', name: 'Owner', role: 'admin', password: 'long enough' });
    await createSite(store, { name: 'Shop' });
    const advice = await startupAdvice(store, loadConfig({ NODE_ENV: 'production' }));
    expect(advice).toEqual([expect.stringMatching(/demo shop's knowledge base: set KB_DIR/)]);
    expect(await startupAdvice(store, loadConfig({ NODE_ENV: 'production', KB_DIR: './demo/kb' }))).toEqual(advice);
  });

  it('says nothing in demo mode, which seeds its own site and logins', async () => {
    expect(await startupAdvice(store, loadConfig({}))).toEqual([]);
  });
});
