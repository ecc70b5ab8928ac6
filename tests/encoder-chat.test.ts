import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS_KB, tempKb } from '../server/bot/test-helpers';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, startServer, visitor, type RunningServer } from './support/server';

requirePostgresInCi();

type BotFrame = { type: string; message?: { author: string; bot: { type: string; article?: { id: string }; suggestions?: { id: string }[] } | null } };

for (const backend of backends()) {
  describe(`a chat with the sentence encoder on (${backend.name})`, () => {
    let server: RunningServer;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const kb = await tempKb(INTENTS_KB);
      cleanup = kb.cleanup;
      server = await startServer(backend, {}, kb.dir, { encoder: 'use-lite' });
    }, 60_000);
    afterAll(async () => {
      await server.close();
      await cleanup();
    });

    it('answers a visitor by meaning over a real socket, and acknowledges the message first', async () => {
      const { socket } = await visitor(server);
      const id = clientId();
      socket.send({ type: 'visitor.send', id, text: 'do I need an umbrella tomorrow' });
      await socket.next((f) => f.type === 'ack' && f.id === id);
      const reply = await socket.next<BotFrame>((f) => f.type === 'message' && (f as BotFrame).message?.author === 'bot');
      const bot = reply.message?.bot;
      const first = bot?.type === 'answer' ? bot.article?.id : bot?.suggestions?.[0]?.id;
      expect(first).toBe('weather');
      socket.close();
    });
  });
}
