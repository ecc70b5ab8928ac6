import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults: port 3000, embedded database, demo mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, demo: true, production: false });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('never seeds demo logins in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT .*"abc"/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ DEMO: 'maybe' }, /DEMO/],
    [{ CONFIG_FILE: '/nonexistent.json' }, /CONFIG_FILE/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('AGENT_ALLOWED_ORIGINS', () => {
  it('reads a comma-separated list of origins, normalised', () => {
    expect(loadConfig({ AGENT_ALLOWED_ORIGINS: 'https://admin.example:443/, http://localhost:5173' }).agentAllowedOrigins).toEqual(['https://admin.example', 'http://localhost:5173']);
    expect(loadConfig({}).agentAllowedOrigins).toEqual([]);
  });
  it('refuses what is not an http(s) origin, naming the variable', () => {
    expect(() => loadConfig({ AGENT_ALLOWED_ORIGINS: 'ftp://files.example' })).toThrow(/AGENT_ALLOWED_ORIGINS/);
  });
});
