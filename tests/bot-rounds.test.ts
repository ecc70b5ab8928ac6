import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { clientId, startServer, visitor, type RunningServer } from './support/server';
import type { TestSocket } from './support/ws-client';

requirePostgresInCi();

type BotFrame = { type: string; message?: { seq: number; author: string; bot?: { type: string; suggestions?: Array<{ id: string }>; reason?: string } | null } };

/** Sends a visitor message and returns the bot's reply to it (the next bot message after the send). */
async function ask(socket: TestSocket, text: string): Promise<NonNullable<BotFrame['message']>> {
  const from = socket.frames.length;
  socket.send({ type: 'visitor.send', id: clientId(), text });
  const frame = await socket.next<BotFrame>((f) => f.type === 'message' && (f as BotFrame).message?.author === 'bot', 5_000, from);
  return frame.message!;
}

for (const backend of backends()) {
  describe(`a picked suggestion is a helpful round (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('after the visitor picks a suggested article, the next unsure question gets suggestions again, not a handover', async () => {
      const { socket } = await visitor(server);
      const first = await ask(socket, 'returns');
      expect(first.bot?.type).toBe('suggest');
      const pick = first.bot!.suggestions![0]!.id;

      const from = socket.frames.length;
      const id = clientId();
      socket.send({ type: 'visitor.choose', id, articleId: pick });
      const answer = await socket.next<BotFrame>((f) => f.type === 'message' && (f as BotFrame).message?.bot?.type === 'answer', 5_000, from);
      expect(answer.message?.bot?.type).toBe('answer');

      const second = await ask(socket, 'returns');
      expect(second.bot?.type).toBe('suggest');
      // Two unsure rounds in a row without a pick still hand over, as before.
      const third = await ask(socket, 'returns');
      expect(third.bot).toMatchObject({ type: 'escalate', reason: 'repeated_failure' });
      socket.close();
    });
  });
}
