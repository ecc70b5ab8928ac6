// @vitest-environment happy-dom
import { act, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../shared/safe-storage';
import { socketFactory } from '../model/fake-socket';
import { ChatStore } from '../model/store';
import { article, welcome, wireMessage } from '../protocol/fixtures';
import { App } from './App';
import { renderWithI18n } from './test-utils';

const stores: ChatStore[] = [];
beforeEach(() => localStorage.clear());
afterEach(() => stores.splice(0).forEach((s) => s.destroy()));

function setup(config: { locale: string | null; greeting: string | null } = { locale: null, greeting: null }) {
  const sockets = socketFactory();
  const store = new ChatStore({ site: 'demo', socketUrl: 'ws://x/ws/visitor?site=demo', storage: openStorage(), locale: 'en', createSocket: sockets.create });
  store.start();
  stores.push(store);
  const onClose = vi.fn();
  const onOpen = vi.fn(() => store.setOpen(true));
  renderWithI18n(<App store={store} config={config} onClose={onClose} onOpen={onOpen} />);
  const server = sockets.last();
  const welcomeWith = (over: Parameters<typeof welcome>[0] = {}) =>
    act(() => {
      server.open();
      server.push(welcome(over));
    });
  const push = (frame: Parameters<typeof server.push>[0]) => act(() => server.push(frame));
  const open = () => act(() => store.setOpen(true));
  return { store, server, onClose, onOpen, welcomeWith, push, open };
}

describe('App', () => {
  it('says before the visitor asks how soon the team usually replies, or when it opens', async () => {
    const { welcomeWith, open } = setup();
    await welcomeWith({ availability: { open: true, nextOpenAt: null, replyMinutes: 4 } });
    await open();
    expect(screen.getByText('Usually replies in ~4 min')).toBeTruthy();
    const monday9 = new Date(Date.now() + 3 * 86_400_000);
    await welcomeWith({ availability: { open: false, nextOpenAt: monday9.getTime(), replyMinutes: 4 } });
    const when = new Intl.DateTimeFormat('en', { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(monday9);
    expect(screen.getByText(`Closed now · opens ${when}`)).toBeTruthy();
    expect(screen.queryByText('Usually replies in ~4 min')).toBeNull();
  });

  it('shows an agent reply that came in while closed above the launcher, opens on click, and can be dismissed', async () => {
    const { welcomeWith, push, onOpen } = setup();
    await welcomeWith({ conversationId: 'c1', status: 'assigned', agentName: 'Ana Lima' });
    const reply = (seq: number, text: string) =>
      push({ type: 'message', message: { id: `m${seq}`, conversationId: 'c1', seq, author: 'agent', authorName: 'Ana Lima', authorAvatar: null, kind: 'text', text, bot: null, system: null, createdAt: Date.now() } });
    await reply(1, 'Your parcel left our warehouse this morning and should reach you on Thursday.');
    expect(screen.getByRole('group', { name: 'New message from Ana Lima' })).toBeTruthy();
    const preview = screen.getByRole('button', { name: /^Ana Lima: Your parcel left/ });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    });
    expect(screen.queryByRole('button', { name: /^Ana Lima:/ })).toBeNull();
    await reply(2, 'x'.repeat(300));
    const long = screen.getByRole('button', { name: /^Ana Lima: x/ });
    expect(long.textContent!.length).toBeLessThan(160);
    await act(() => {
      fireEvent.click(long);
    });
    expect(onOpen).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /^Ana Lima:/ })).toBeNull();
    expect(preview.isConnected).toBe(false);
  });

  it('moves focus into the composer on open and closes on Escape', async () => {
    const { onClose, welcomeWith, open } = setup();
    await welcomeWith();
    await open();
    const box = screen.getByRole('textbox', { name: 'Your message' });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('sends what the visitor types and shows it at once', async () => {
    const { server, welcomeWith, open } = setup();
    await welcomeWith();
    await open();
    const box = screen.getByRole('textbox', { name: 'Your message' });
    fireEvent.input(box, { target: { value: 'Do you ship to Spain?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(server.sentOf('visitor.send')[0]?.text).toBe('Do you ship to Spain?');
    expect(screen.getByText('Do you ship to Spain?')).toBeTruthy();
  });

  it('shows the queue position, then who joined, in the header', async () => {
    const { welcomeWith, push, open } = setup();
    await welcomeWith({ site: { ...welcome().site, name: 'Acme' } });
    await open();
    expect(screen.getByRole('heading', { name: 'Acme' })).toBeTruthy();
    expect(screen.getByText('Bot')).toBeTruthy();
    await push({ type: 'status', conversationId: 'c1', status: 'queued', queuePosition: 2, agentName: null, agentsOnline: true });
    expect(screen.getByText('Waiting for an agent — you are number 2')).toBeTruthy();
    await push({ type: 'status', conversationId: 'c1', status: 'assigned', queuePosition: null, agentName: 'Ana', agentsOnline: true });
    expect(screen.getByText('Chatting with Ana')).toBeTruthy();
    await push({ type: 'typing', typing: true, name: 'Ana' });
    expect(screen.getByText('Ana is typing…')).toBeTruthy();
  });

  it('keeps "Talk to a person" reachable while the bot is answering', async () => {
    const { server, welcomeWith, open } = setup();
    await welcomeWith();
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(server.sentOf('visitor.escalate')).toHaveLength(1);
  });

  it('offers to leave a message when no agent is available', async () => {
    const { server, welcomeWith, push, open } = setup();
    await welcomeWith({ conversationId: 'c1', status: 'bot' });
    await open();
    await push({ type: 'status', conversationId: 'c1', status: 'offline', queuePosition: null, agentName: null, agentsOnline: false });
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana@example.com' } });
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Call me back' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    const frame = server.sentOf('visitor.leave_message')[0]!;
    expect(frame).toMatchObject({ email: 'ana@example.com', text: 'Call me back' });
    await push({ type: 'ack', id: frame.id, conversationId: 'c1', seq: 3 });
    // This server did not say it sends email (no site.email): nothing may promise it.
    expect(document.body.textContent).not.toMatch(/by email/i);
    expect(screen.getByText(/Our answer will appear here in this chat/)).toBeTruthy();
  });

  it('offers attaching only when the site takes files (a server that does not say: offered)', async () => {
    const { welcomeWith, open } = setup();
    await welcomeWith();
    await open();
    expect(screen.getByLabelText('Attach a file')).toBeTruthy();
    await welcomeWith({ site: { ...welcome().site, files: { enabled: false, maxBytes: 1_000 } } });
    expect(screen.queryByLabelText('Attach a file')).toBeNull();
    await welcomeWith({ site: { ...welcome().site, files: { enabled: true, maxBytes: 1_000 } } });
    expect(screen.getByLabelText('Attach a file')).toBeTruthy();
  });

  it('promises email for a ticket only when the server sends email', async () => {
    const { server, welcomeWith, push, open } = setup();
    await welcomeWith({ conversationId: 'c1', status: 'offline', site: { ...welcome().site, email: true } });
    await open();
    expect(screen.getByText(/we will reply by email/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana@example.com' } });
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'Call me back' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await push({ type: 'ack', id: server.sentOf('visitor.leave_message')[0]!.id, conversationId: 'c1', seq: 3 });
    expect(screen.getAllByText(/will reply by email/).length).toBeGreaterThan(0);
  });

  it('shows an agent’s reply to a ticket with a way to answer, and says there is a reply', async () => {
    const { server, welcomeWith, push, open } = setup();
    await welcomeWith({ conversationId: 'c1', status: 'offline', agentsOnline: false });
    await open();
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
    await push({ type: 'message', message: { id: 'srv_a1', conversationId: 'c1', seq: 4, author: 'agent', authorName: 'Ana', kind: 'text', text: 'We sent a replacement.', bot: null, system: null, createdAt: Date.now() } });
    expect(screen.getByText('We sent a replacement.')).toBeTruthy();
    expect(screen.getByText('You have a reply')).toBeTruthy();
    expect(screen.queryByText('No agents available')).toBeNull();
    fireEvent.input(screen.getByRole('textbox', { name: 'Your message' }), { target: { value: 'Thank you!' } });
    fireEvent.submit(screen.getByRole('textbox', { name: 'Your message' }).closest('form')!);
    expect(server.sentOf('visitor.send')[0]).toMatchObject({ text: 'Thank you!' });
  });

  it('emails the transcript to the known address when the server sends email', async () => {
    const { server, welcomeWith, open } = setup();
    await welcomeWith({
      conversationId: 'c1',
      status: 'bot',
      site: { ...welcome().site, email: true },
      messages: [{ id: 'm1', conversationId: 'c1', seq: 1, author: 'visitor', authorName: null, kind: 'text', text: 'Hello', bot: null, system: null, createdAt: Date.now() }],
    });
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Email me this transcript' }));
    fireEvent.input(screen.getByLabelText('Email address for the transcript'), { target: { value: 'ana@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send transcript' }));
    expect(server.sentOf('visitor.transcript')[0]).toMatchObject({ email: 'ana@example.com' });
  });

  it('offers no transcript by email when the server cannot send email', async () => {
    const { welcomeWith, open } = setup();
    await welcomeWith({
      conversationId: 'c1',
      status: 'bot',
      messages: [{ id: 'm1', conversationId: 'c1', seq: 1, author: 'visitor', authorName: null, kind: 'text', text: 'Hello', bot: null, system: null, createdAt: Date.now() }],
    });
    await open();
    expect(screen.queryByRole('button', { name: 'Email me this transcript' })).toBeNull();
  });

  it('asks for the pre-chat fields the site wants before the first message', async () => {
    const { server, welcomeWith, open } = setup();
    await welcomeWith({ site: { ...welcome().site, preChatFields: [{ name: 'name', required: true }, { name: 'email', required: false }] } });
    await open();
    expect(screen.queryByRole('textbox', { name: 'Your message' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(screen.getByText('This field is required.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect(server.sentOf('visitor.identify')[0]?.identity).toEqual({ name: 'Ana' });
    expect(screen.getByRole('textbox', { name: 'Your message' })).toBeTruthy();
  });

  it('asks for a rating after an agent resolves the chat', async () => {
    const { server, welcomeWith, push, open } = setup();
    await welcomeWith({ conversationId: 'c1', status: 'assigned', agentName: 'Ana' });
    await open();
    await push({ type: 'status', conversationId: 'c1', status: 'resolved', queuePosition: null, agentName: 'Ana', agentsOnline: true });
    fireEvent.click(screen.getByRole('radio', { name: '5 out of 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(server.sentOf('visitor.csat')[0]).toMatchObject({ conversationId: 'c1', rating: 5 });
  });

  it('asks the server about NPS 10 s after the visitor said a bot answer helped, and not at all before', async () => {
    vi.useFakeTimers();
    try {
      const { server, welcomeWith, open } = setup();
      await welcomeWith({ conversationId: 'c1', status: 'bot', messages: [wireMessage({ seq: 2, bot: { type: 'answer', article, confidence: 0.9 } })] });
      await open();
      await act(() => {
        fireEvent.click(screen.getByRole('button', { name: 'Yes, that helped' }));
      });
      await act(() => {
        vi.advanceTimersByTime(9_000);
      });
      expect(server.sentOf('visitor.nps')).toEqual([]);
      await act(() => {
        vi.advanceTimersByTime(1_000);
      });
      expect(server.sentOf('visitor.nps')).toEqual([expect.objectContaining({ conversationId: 'c1' })]);
      expect(server.sentOf('visitor.nps')[0]).not.toHaveProperty('score');
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells the visitor when the connection is lost', async () => {
    const { server, welcomeWith, open } = setup();
    await welcomeWith();
    await open();
    await act(() => server.drop());
    expect(screen.getByText(/You are offline/)).toBeTruthy();
  });

  it('speaks the snippet locale, right to left for Arabic', async () => {
    const { welcomeWith, open } = setup({ locale: 'ar', greeting: null });
    await welcomeWith({ site: { ...welcome().site, locale: 'es' } });
    await open();
    // Arabic is a lazy chunk: the panel shows once it has arrived, never in English first.
    expect(screen.queryByRole('button', { name: 'Close chat' })).toBeNull();
    expect(await screen.findByRole('button', { name: 'أغلق المحادثة' })).toBeTruthy();
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe('rtl');
  });

  it('falls back to the site locale when the snippet sets none', async () => {
    const { welcomeWith, open } = setup();
    await welcomeWith({ site: { ...welcome().site, locale: 'es', greeting: '¡Hola desde Acme!' } });
    await open();
    expect(await screen.findByRole('button', { name: 'Hablar con una persona' })).toBeTruthy();
    expect(screen.getByText('¡Hola desde Acme!')).toBeTruthy();
  });

  it('announces new replies through a polite live region', async () => {
    const { welcomeWith, push, open } = setup();
    await welcomeWith({ conversationId: 'c1' });
    await open();
    await push({ type: 'message', message: { id: 'a1', conversationId: 'c1', seq: 1, author: 'agent', authorName: 'Ana', kind: 'text', text: 'On its way!', bot: null, system: null, createdAt: Date.now() } });
    const region = document.querySelector('[aria-live="polite"]');
    expect(region?.textContent).toBe('Ana: On its way!');
  });
});
