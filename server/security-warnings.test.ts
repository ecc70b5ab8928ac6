import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../tests/support/backends';
import { loadConfig } from './config';
import { securityWarnings } from './security-warnings';
import type { Store } from './store/store';

describe('start-up security warnings', () => {
  let store: Store;
  beforeAll(async () => {
    store = await backends()[0]!.open();
    await store.sites.create({ key: 'open-shop', name: 'Open', secret: 's' });
    await store.sites.create({ key: 'locked-shop', name: 'Locked', secret: 's', allowedOrigins: ['https://shop.example'] });
  });
  afterAll(() => store.close());

  it('in production, names each site whose empty origin list lets any page embed its widget', async () => {
    const warnings = await securityWarnings(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://chat.example' }), store);
    expect(warnings).toEqual([expect.stringMatching(/^site "open-shop" has no allowed origins: any web page can embed its chat widget \(set them in Settings at \/agent\/settings, with npm run sites -- origins --key open-shop/)]);
  });

  it('in production without PUBLIC_URL or TRUST_PROXY, says the CSRF check needs one behind a TLS proxy', async () => {
    expect(await securityWarnings(loadConfig({ NODE_ENV: 'production' }), store)).toContainEqual(expect.stringMatching(/^PUBLIC_URL is not set/));
    expect(await securityWarnings(loadConfig({ NODE_ENV: 'production', TRUST_PROXY: '1' }), store)).not.toContainEqual(expect.stringMatching(/^PUBLIC_URL/));
  });

  it('stays quiet in demo mode', async () => {
    expect(await securityWarnings(loadConfig({}), store)).toEqual([]);
  });
});
