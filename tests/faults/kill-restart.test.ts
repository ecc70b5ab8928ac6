import { afterEach, describe, expect, it } from 'vitest';
import { requirePostgresInCi } from '../support/backends';
import { AgentConsole, eventually, faultBackends, freePort, integrityProblems, newId, signIn, sleep, startChatServer, storedConversation, type ServerProcess } from './support/harness';
import { ResendingVisitor } from './support/resending-visitor';
import type { ScratchStore } from '../../scripts/bench/stores';

requirePostgresInCi();

const QUESTIONS = ['How do I reset my password?', 'How can I track my order?', 'What payment methods do you accept?'];

for (const backend of faultBackends()) {
  describe(`server killed with SIGKILL mid-conversation (${backend.name})`, () => {
    let server: ServerProcess | null = null;
    let store: ScratchStore | null = null;
    const clients: ResendingVisitor[] = [];
    afterEach(async () => {
      for (const c of clients.splice(0)) c.stop();
      await server?.kill();
      await store?.dispose();
    });

    it('keeps every acked message, resumes clients without duplicates, and keeps the queue and assignments', async () => {
      store = await backend.scratch();
      const port = await freePort();
      server = await startChatServer(store, port);
      const url = () => `ws://127.0.0.1:${port}/ws/visitor?site=demo`;
      const visitor = async () => {
        const v = new ResendingVisitor(url);
        clients.push(v);
        await v.start();
        return v;
      };
      const cookie = await signIn(server.http);
      let agent = await AgentConsole.open(server.ws, cookie);

      // Two chats wait in the queue, one is with the agent, three are with the bot.
      const [waiting1, waiting2, withAgent, ...withBot] = await Promise.all([visitor(), visitor(), visitor(), visitor(), visitor(), visitor()]);
      const escalate = async (v: ResendingVisitor) => {
        v.send('How can I track my order?');
        await v.until(() => v.unacked.size === 0, 10_000, 'the first ack');
        const ack = await v.ask({ type: 'visitor.escalate', id: newId() });
        expect(ack.type).toBe('ack');
        return String(ack.conversationId);
      };
      const queued = [await escalate(waiting1!), await escalate(waiting2!)];
      const assigned = await escalate(withAgent!);
      expect((await agent.ask({ type: 'agent.claim', id: newId(), conversationId: assigned })).type).toBe('ack');
      const before = await AgentConsole.open(server.ws, cookie);
      expect(before.queueIds, JSON.stringify(before.welcome?.queue)).toEqual(queued);
      expect(before.mineIds).toEqual([assigned]);
      before.close();

      // Busy: the bot chats and the agent chat exchange messages every 15 ms until the kill.
      const agentUnacked = new Map<string, string>();
      const agentAcked = new Set<string>();
      const agentSend = (text: string) => {
        const id = newId();
        agentUnacked.set(id, text);
        agent.send({ type: 'agent.send', id, conversationId: assigned, text });
      };
      const collectAgentAcks = (a: AgentConsole) => {
        for (const f of a.frames) if (f.type === 'ack' && agentUnacked.delete(String(f.id))) agentAcked.add(String(f.id));
      };
      const talk = (round: number) => {
        withBot.forEach((v, i) => v.send(`${QUESTIONS[(round + i) % QUESTIONS.length]} (${round})`));
        withAgent!.send(`visitor line ${round}`);
        agentSend(`agent line ${round}`);
      };
      for (let round = 0; round < 60; round++) {
        talk(round);
        await sleep(15);
      }
      talk(60); // a burst still in flight at the moment of the kill
      await server.kill();
      collectAgentAcks(agent);
      agent.close();
      const inFlight = [...withBot, withAgent!].reduce((n, v) => n + v.unacked.size, 0) + agentUnacked.size;
      const ackedBeforeKill = new Map([...withBot, withAgent!].map((v) => [v, new Map(v.acked)]));
      expect(inFlight).toBeGreaterThan(0);
      expect([...ackedBeforeKill.values()].every((acked) => acked.size > 0)).toBe(true);

      // Same port, same data: the clients find it again by themselves.
      server = await startChatServer(store, port);
      agent = await AgentConsole.open(server.ws, cookie);
      for (const [id, text] of agentUnacked) agent.send({ type: 'agent.send', id, conversationId: assigned, text });
      for (const v of [...withBot, withAgent!]) await v.until(() => v.connected && v.unacked.size === 0, 20_000, 'resent messages to be acked');
      await eventually(() => (collectAgentAcks(agent), agentUnacked.size === 0), 20_000, 'the agent\'s resent messages to be acked');

      expect(agent.queueIds).toEqual(queued);
      expect(agent.mineIds).toEqual([assigned]);

      for (const v of [...withBot, withAgent!]) {
        const stored = await storedConversation(server.ws, v.token!);
        expect(integrityProblems(stored)).toEqual([]);
        const seqOf = new Map(stored.map((m) => [m.id, m.seq]));
        // Acked before the kill: still there, at the seq the ack promised.
        for (const [id, seq] of ackedBeforeKill.get(v)!) expect(seqOf.get(id)).toBe(seq);
        // Everything the client ever got acked is stored exactly once.
        for (const [id, seq] of v.acked) expect(seqOf.get(id)).toBe(seq);
        // The client's own view converges on the stored conversation, with nothing doubled.
        await v.until(() => v.lastSeq >= stored[stored.length - 1]!.seq, 10_000, 'the client to catch up');
        expect(v.conflicts).toEqual([]);
        expect(v.messages().map((m) => [m.seq, m.id]).filter(([seq]) => Number(seq) <= stored.length)).toEqual(stored.map((m) => [m.seq, m.id]));
      }
      const agentChat = await storedConversation(server.ws, withAgent!.token!);
      const agentLines = agentChat.filter((m) => m.author === 'agent').map((m) => m.id);
      expect(new Set(agentLines).size).toBe(agentLines.length);
      for (const id of agentAcked) expect(agentLines).toContain(id);
    }, 120_000);
  });
}
