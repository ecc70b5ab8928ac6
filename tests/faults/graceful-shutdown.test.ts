import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE } from '../../shared/limits';
import type { ScratchStore } from '../../scripts/bench/stores';
import { requirePostgresInCi } from '../support/backends';
import { faultBackends, freePort, integrityProblems, sleep, startChatServer, storedConversation, type ServerProcess } from './support/harness';
import { ResendingVisitor } from './support/resending-visitor';

requirePostgresInCi();

for (const backend of faultBackends()) {
  describe(`graceful shutdown under traffic (${backend.name})`, () => {
    let server: ServerProcess | null = null;
    let store: ScratchStore | null = null;
    const clients: ResendingVisitor[] = [];
    afterEach(async () => {
      for (const c of clients.splice(0)) c.stop();
      await server?.kill();
      await store?.dispose();
    });

    it('tells clients to reconnect with 1012, finishes the frames in hand, exits cleanly, and loses no acked message', async () => {
      store = await backend.scratch();
      const port = await freePort();
      server = await startChatServer(store, port);
      const visitors = Array.from({ length: 4 }, () => new ResendingVisitor(() => `ws://127.0.0.1:${port}/ws/visitor?site=demo`));
      clients.push(...visitors);
      await Promise.all(visitors.map((v) => v.start()));

      for (let round = 0; round < 20; round++) {
        for (const v of visitors) v.send(`How can I track my order? (${round})`);
        await sleep(25);
      }
      // A small, known amount of work in hand when SIGTERM lands (a deep backlog only measures the machine).
      for (const v of visitors) await v.until(() => v.unacked.size === 0, 20_000, 'the earlier messages to be acked');
      for (const v of visitors) v.send('What payment methods do you accept?');
      const stopped = server.stop();
      const exit = await stopped;
      expect(exit, server.log.slice(-3_000)).toEqual({ code: 0, signal: null });
      // Every socket was told "server restarting" rather than just cut.
      for (const v of visitors) expect(v.closeCodes).toContain(CLOSE.serverRestart);
      const ackedBeforeStop = visitors.map((v) => new Map(v.acked));
      expect(ackedBeforeStop.every((acked) => acked.size > 0)).toBe(true);

      server = await startChatServer(store, port);
      for (const v of visitors) await v.until(() => v.connected && v.unacked.size === 0, 20_000, 'resent messages to be acked');
      for (const [i, v] of visitors.entries()) {
        const stored = await storedConversation(server.ws, v.token!);
        expect(integrityProblems(stored)).toEqual([]);
        const seqOf = new Map(stored.map((m) => [m.id, m.seq]));
        for (const [id, seq] of ackedBeforeStop[i]!) expect(seqOf.get(id)).toBe(seq);
        for (const [id, seq] of v.acked) expect(seqOf.get(id)).toBe(seq);
        expect(v.acked.size).toBe(21);
        // Draining means the bot turns already started finish too: every question got its one answer.
        expect(stored.map((m) => m.author)).toEqual(Array.from({ length: 21 }, () => ['visitor', 'bot']).flat());
        expect(v.conflicts).toEqual([]);
      }
    }, 120_000);
  });
}
