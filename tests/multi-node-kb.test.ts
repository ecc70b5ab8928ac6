import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPostgres, type ScratchStore } from '../scripts/bench/stores';
import { freePort, signIn, startChatServer, type ServerProcess } from './faults/support/harness';
import { requirePostgresInCi, requireRedisInCi } from './support/backends';
import { clientId, pageContext, TestSocket } from './support/ws-client';

requirePostgresInCi();
requireRedisInCi();
const databaseUrl = process.env.DATABASE_URL || null;
const redisUrl = process.env.REDIS_URL || null;

const ARTICLE = {
  title: 'Delivery to Mars colonies',
  body: 'We deliver to every Mars colony by cargo rocket. Orders arrive within 30 days of launch.',
  questions: ['Do you deliver to Mars?', 'Can you ship my order to a Mars colony?', 'How long does delivery to Mars take?'],
};

/** Each node has a KB folder of its own, as on separate machines: only the database is shared. */
function ownKbFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-node-'));
  cpSync('demo/kb', dir, { recursive: true });
  return dir;
}

async function article(server: ServerProcess, cookie: string, id: string): Promise<number> {
  return (await fetch(`${server.http}/api/kb/articles/${id}`, { headers: { cookie } })).status;
}

/** Polls until the article's status on `server` is `want` (15 s at most); returns the last status seen. */
async function articleBecomes(server: ServerProcess, cookie: string, id: string, want: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let status = await article(server, cookie, id);
  while (status !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    status = await article(server, cookie, id);
  }
  return status;
}

/** What the bot of `server` answers a new visitor who asks `text`: the article ids it offers. */
async function botArticles(server: ServerProcess, text: string): Promise<string[]> {
  const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
  try {
    socket.send({ type: 'visitor.hello', protocol: 1, token: null, lastSeq: 0, context: pageContext(), locale: 'en' });
    await socket.type('visitor.welcome', 15_000);
    socket.send({ type: 'visitor.send', id: clientId(), text });
    const reply = await socket.next<{ message: { bot: { type: string; article?: { id: string }; suggestions?: Array<{ id: string }> } } }>(
      (f) => f.type === 'message' && (f.message as { author: string }).author === 'bot',
      15_000,
    );
    const bot = reply.message.bot;
    return bot.type === 'answer' ? [bot.article!.id] : (bot.suggestions ?? []).map((s) => s.id);
  } finally {
    socket.close();
  }
}

describe.skipIf(!databaseUrl || !redisUrl)('KB edits on one node reach every node (PostgreSQL + Redis, separate KB folders)', () => {
  let store: ScratchStore;
  const nodes: ServerProcess[] = [];
  const folders: string[] = [];
  const env = { REDIS_URL: redisUrl ?? '', REDIS_PREFIX: `test-kb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}:` };
  const start = async () => {
    const dir = ownKbFolder();
    folders.push(dir);
    const node = await startChatServer(store, await freePort(), { ...env, KB_DIR: dir });
    nodes.push(node);
    return { node, dir };
  };

  beforeAll(async () => {
    store = await scratchPostgres(databaseUrl!);
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(nodes.map((n) => n.kill()));
    await store?.dispose();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('an article written on node A answers on node B, reaches a node started later, and its deletion follows', async () => {
    const { node: a } = await start();
    const { node: b, dir: bDir } = await start();
    const [adminA, adminB] = [await signIn(a.http, 'admin@demo.test'), await signIn(b.http, 'admin@demo.test')];
    expect(await article(b, adminB, 'mars-delivery')).toBe(404);

    const put = await fetch(`${a.http}/api/kb/articles/mars-delivery`, { method: 'PUT', headers: { cookie: adminA, 'content-type': 'application/json' }, body: JSON.stringify(ARTICLE) });
    expect(put.status).toBe(200);

    expect(await articleBecomes(b, adminB, 'mars-delivery', 200)).toBe(200);
    expect(existsSync(join(bDir, 'mars-delivery.md'))).toBe(true);
    expect(await botArticles(b, 'Do you deliver to Mars?')).toContain('mars-delivery');

    // A node that was not running during the edit reads it from the database when it starts.
    const { node: c } = await start();
    const adminC = await signIn(c.http, 'admin@demo.test');
    expect(await article(c, adminC, 'mars-delivery')).toBe(200);

    const del = await fetch(`${a.http}/api/kb/articles/mars-delivery`, { method: 'DELETE', headers: { cookie: adminA } });
    expect(del.status).toBe(204);
    expect(await articleBecomes(b, adminB, 'mars-delivery', 404)).toBe(404);
    expect(existsSync(join(bDir, 'mars-delivery.md'))).toBe(false);
    expect(await articleBecomes(c, adminC, 'mars-delivery', 404)).toBe(404);
  }, 240_000);
});
