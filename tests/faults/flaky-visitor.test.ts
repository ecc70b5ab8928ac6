import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from '../support/backends';
import { startServer, type RunningServer } from '../support/server';
import { integrityProblems, sleep, storedConversation } from './support/harness';
import { ResendingVisitor } from './support/resending-visitor';

requirePostgresInCi();

/** A fixed pseudo-random sequence, so a failure replays the same drops. */
function prng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const QUESTIONS = ['How do I reset my password?', 'How can I track my order?', 'What payment methods do you accept?', 'How do gift cards work?'];

for (const backend of backends()) {
  describe(`visitor on a flaky connection (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend, { RATE_MESSAGES_PER_MINUTE: '100000', RATE_FRAME_BUDGET_SCALE: '1000' });
    });
    afterAll(async () => {
      await server.close();
    });

    it('loses nothing and doubles nothing when the socket drops every few hundred ms', async () => {
      const random = prng(7);
      const visitor = new ResendingVisitor(() => `${server.ws}/ws/visitor?site=demo`, 20);
      await visitor.start();
      const sent: string[] = [];
      let nextDrop = Date.now() + 300;
      try {
        for (let i = 0; i < 30; i++) {
          sent.push(visitor.send(`${QUESTIONS[i % QUESTIONS.length]} (#${i})`));
          // Half the drops land right after a send, before its ack can arrive.
          if (Date.now() >= nextDrop) {
            if (random() < 0.5) await sleep(random() * 20);
            visitor.drop();
            nextDrop = Date.now() + 300 + random() * 600;
          }
          await sleep(60 + random() * 60);
        }
        await visitor.until(() => visitor.connected && visitor.unacked.size === 0, 15_000, 'every message to be acked');
        await visitor.until(() => visitor.messages().filter((m) => m.author === 'bot').length >= sent.length, 15_000, 'a bot answer to every message');
      } finally {
        visitor.stop();
      }
      expect(visitor.connects).toBeGreaterThanOrEqual(4);
      expect(visitor.resent).toBeGreaterThan(0);

      const stored = await storedConversation(server.ws, visitor.token!);
      expect(integrityProblems(stored)).toEqual([]);
      // Every message once, in the order typed; one bot answer for each, never two.
      expect(stored.filter((m) => m.author === 'visitor').map((m) => m.id)).toEqual(sent);
      expect(stored.filter((m) => m.author === 'bot')).toHaveLength(sent.length);
      // What the visitor sees is exactly what is stored.
      expect(visitor.conflicts).toEqual([]);
      expect(visitor.messages().map((m) => [m.seq, m.id])).toEqual(stored.map((m) => [m.seq, m.id]));
    }, 60_000);
  });
}
