import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, requirePostgresInCi } from './support/backends';
import { agent, clientId, pageContext, startServer, type RunningServer } from './support/server';
import { TestSocket } from './support/ws-client';

requirePostgresInCi();

type PageFrame = { conversationId: string; page: { url: string; title: string }; context: { url: string } };

for (const backend of backends()) {
  describe(`the pages a visitor views reach the console live (${backend.name})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(backend);
    });
    afterAll(async () => {
      await server.close();
    });

    /** A page load of the host site: a new widget socket whose hello carries that page. */
    async function load(url: string, title: string, token: string | null) {
      const socket = await TestSocket.open(`${server.ws}/ws/visitor?site=demo`);
      socket.send({ type: 'visitor.hello', protocol: 1, token, lastSeq: 0, conversationId: null, context: pageContext(url, title), locale: 'en' });
      const welcome = await socket.type<{ token: string; conversationId: string | null }>('visitor.welcome');
      return { socket, welcome };
    }

    it('records every page load and SPA navigation, shows them to an open console at once, and after a reload', async () => {
      const { socket: console_ } = await agent(server);
      const first = await load('https://shop.example/helmets.html', 'Helmets', null);
      first.socket.send({ type: 'visitor.send', id: clientId(), text: 'hello' });
      await first.socket.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
      first.socket.send({ type: 'visitor.escalate', id: clientId() });
      const { conversationId } = await first.socket.next<{ conversationId: string }>((f) => f.type === 'status' && f.status === 'queued');
      console_.send({ type: 'agent.open', conversationId });
      await console_.type('conversation');

      // The visitor follows a link: the old page's socket closes, the new page's widget says hello.
      first.socket.close();
      const second = await load('https://shop.example/checkout.html', 'Checkout', first.welcome.token);
      const loaded = await console_.next<PageFrame>((f) => f.type === 'conversation.page');
      expect(loaded).toMatchObject({ conversationId, page: { url: 'https://shop.example/checkout.html', title: 'Checkout' }, context: { url: 'https://shop.example/checkout.html' } });

      // SPA navigation on that page: the widget reports it with visitor.page.
      const mark = console_.frames.length;
      second.socket.send({ type: 'visitor.page', context: pageContext('https://shop.example/checkout.html#payment', 'Payment') });
      const navigated = await console_.next<PageFrame>((f) => f.type === 'conversation.page', 5_000, mark);
      expect(navigated.page).toMatchObject({ url: 'https://shop.example/checkout.html#payment', title: 'Payment' });

      // The same page again (a reload) is not a new visit.
      const reload = await load('https://shop.example/checkout.html#payment', 'Payment', first.welcome.token);
      await new Promise((r) => setTimeout(r, 300));
      expect(console_.frames.filter((f) => f.type === 'conversation.page')).toHaveLength(2);

      // A console opened now (or reloaded) sees every page of the visit and the current one.
      const { socket: later } = await agent(server, 'admin@demo.test');
      later.send({ type: 'agent.open', conversationId });
      const opened = await later.type<{ conversation: { context: { url: string }; pages: Array<{ url: string }> } }>('conversation');
      expect(opened.conversation.pages.map((p) => p.url)).toEqual([
        'https://shop.example/helmets.html',
        'https://shop.example/checkout.html',
        'https://shop.example/checkout.html#payment',
      ]);
      expect(opened.conversation.context.url).toBe('https://shop.example/checkout.html#payment');
      for (const s of [second.socket, reload.socket, console_, later]) s.close();
    });
  });
}
