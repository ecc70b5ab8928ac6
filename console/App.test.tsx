// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ConsoleApi } from './api/http';
import { App } from './App';
import { agentAna, detail, message, queueItem, summary } from './model/fixtures';
import { fakeSockets } from './model/fake-socket';

function fakeApi(signedIn: boolean): ConsoleApi {
  return {
    me: vi.fn(async () => (signedIn ? agentAna : null)),
    login: vi.fn(async (_email: string, password: string) => {
      if (password !== 'demo') throw new ApiError(401, 'unauthorized');
      return agentAna;
    }),
    logout: vi.fn(async () => {}),
    agents: vi.fn(async () => [
      { ...agentAna, presence: 'online' as const },
      { id: 'ag_bo', email: 'bo@demo.test', name: 'Bo', role: 'agent' as const, presence: 'online' as const },
    ]),
    canned: vi.fn(async () => [{ id: '1', shortcut: 'hi', text: 'Hi {visitor.name}!' }]),
    markWrongAnswer: vi.fn(async () => {}),
    updateProfile: vi.fn(async (p: { name?: string }) => ({ id: 'a1', email: 'ana@example.com', name: p.name ?? 'Ana', role: 'agent' as const })),
    history: vi.fn(async () => ({ items: [], nextCursor: null })),
  };
}

const welcome = (over: Record<string, unknown> = {}) => ({ type: 'agent.welcome', protocol: 1, agent: agentAna, presence: 'online', queue: [], mine: [], tickets: [], ...over });

async function signedIn() {
  const net = fakeSockets();
  const api = fakeApi(true);
  render(<App api={api} createSocket={net.factory} />);
  await waitFor(() => expect(net.sockets).toHaveLength(1));
  act(() => {
    net.latest().open();
    net.latest().receive(welcome());
  });
  return { net, api };
}

beforeEach(() => {
  localStorage.clear();
  Object.defineProperty(navigator, 'languages', { value: ['en-US'], configurable: true });
});
afterEach(cleanup);

describe('console app', () => {
  it('links admins, and only admins, to the dashboard and Settings', async () => {
    const { net } = await signedIn();
    expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();
    act(() => net.latest().receive(welcome({ agent: { ...agentAna, role: 'admin' } })));
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/agent/settings');
    expect(screen.getByRole('link', { name: 'Operations' }).getAttribute('href')).toBe('/agent/ops');
  });

  it('signs in, and explains a wrong password', async () => {
    const net = fakeSockets();
    const api = fakeApi(false);
    render(<App api={api} createSocket={net.factory} />);
    const email = await screen.findByLabelText('Email');
    fireEvent.input(email, { target: { value: 'ana@demo.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.submit(email.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('That email and password do not match an agent.');
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'demo' } });
    fireEvent.submit(email.closest('form')!);
    await waitFor(() => expect(net.sockets).toHaveLength(1));
    expect(screen.getByRole('navigation', { name: 'Chats' })).toBeTruthy();
  });

  it('returns to sign-in with a message when the server ends the session (close 4001)', async () => {
    const { net } = await signedIn();
    act(() => net.latest().drop(4001));
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });

  it('counts waiting chats in the tab title and announces new ones politely', async () => {
    const { net } = await signedIn();
    expect(document.title).toBe('Queue — Console');
    act(() => net.latest().receive({ type: 'queue', items: [queueItem({ conversationId: 'a', visitorName: 'Olga' })] }));
    act(() => net.latest().receive({ type: 'queue', items: [queueItem({ conversationId: 'a', visitorName: 'Olga' }), queueItem({ conversationId: 'b', visitorName: 'Pia', queuedAt: 2_000 })] }));
    expect(document.title).toBe('(2) Queue — Console');
    const live = document.querySelector('.sr-only[aria-live="polite"]');
    expect(live?.textContent).toBe('New chat in the queue from Pia.');
  });

  it('tells the agent who lost a claim race, and drops the chat from the queue', async () => {
    const { net } = await signedIn();
    act(() => net.latest().receive({ type: 'queue', items: [queueItem({ conversationId: 'a', visitorName: 'Olga' })] }));
    fireEvent.click(screen.getByRole('button', { name: 'Claim chat with Olga' }));
    const claim = net.latest().sent.find((f) => f.type === 'agent.claim');
    expect(claim).toMatchObject({ conversationId: 'a' });
    act(() => net.latest().receive({ type: 'error', code: 'already_claimed', message: 'taken', id: claim && 'id' in claim ? claim.id : '' }));
    expect(screen.getByText('Another agent took that chat first.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Claim chat with Olga' })).toBeNull();
  });

  it('works a chat: live messages, visitor typing, canned reply, unread counts, resolve with Alt+R', async () => {
    const { net } = await signedIn();
    const s = () => net.latest();
    act(() => s().receive(welcome({ mine: [summary({ id: 'c1', visitorName: 'Vera' }), summary({ id: 'c2', visitorName: 'Walt' })] })));
    const nav = screen.getByRole('navigation', { name: 'Chats' });
    fireEvent.click(within(nav).getByText('Vera'));
    expect(s().sent).toContainEqual({ type: 'agent.open', conversationId: 'c1' });
    act(() => s().receive({ type: 'conversation', conversation: detail({ id: 'c1', visitorName: 'Vera' }), messages: [message({ conversationId: 'c1', seq: 1, text: 'My parcel is late' })] }));
    const main = screen.getByRole('main');
    expect(within(main).getByText('My parcel is late')).toBeTruthy();

    act(() => s().receive({ type: 'typing', conversationId: 'c1', typing: true }));
    expect(within(main).getByText('Vera is typing…')).toBeTruthy();
    act(() => s().receive({ type: 'message', message: message({ conversationId: 'c1', seq: 2, text: '<b>order 77</b>' }) }));
    expect(within(main).getByText('<b>order 77</b>')).toBeTruthy();
    expect(within(main).queryByText('Vera is typing…')).toBeNull();

    act(() => s().receive({ type: 'message', message: message({ conversationId: 'c2', seq: 5, text: 'hello?' }) }));
    expect(within(nav).getByLabelText('1 unread')).toBeTruthy();

    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: '/hi', selectionStart: 3 } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.keyDown(box, { key: 'Enter' });
    const send = s().sent.find((f) => f.type === 'agent.send');
    expect(send).toMatchObject({ conversationId: 'c1', text: 'Hi Vera!' });
    expect(within(main).getByText('Sending…')).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'r', code: 'KeyR', altKey: true });
    expect(s().sent.find((f) => f.type === 'agent.resolve')).toMatchObject({ conversationId: 'c1' });
  });

  it('moves between chats with J and K, and shows the shortcuts on ?', async () => {
    const { net } = await signedIn();
    act(() => net.latest().receive(welcome({ queue: [queueItem({ conversationId: 'q1' })], mine: [summary({ id: 'm1' })] })));
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'k' });
    const opens = net.latest().sent.filter((f) => f.type === 'agent.open').map((f) => ('conversationId' in f ? f.conversationId : ''));
    expect(opens).toEqual(['q1', 'm1', 'q1']);
    fireEvent.keyDown(document.body, { key: '?' });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Resolve the open chat')).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('transfers a chat back to the queue with a note', async () => {
    const { net } = await signedIn();
    act(() => net.latest().receive(welcome({ mine: [summary({ id: 'c1', visitorName: 'Vera' })] })));
    fireEvent.click(within(screen.getByRole('navigation')).getByText('Vera'));
    act(() => net.latest().receive({ type: 'conversation', conversation: detail({ id: 'c1' }), messages: [] }));
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    const dialog = screen.getByRole('dialog', { name: 'Transfer chat' });
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Bo — Online' })).toBeTruthy());
    expect(within(dialog).queryByRole('option', { name: /Ana/ })).toBeNull();
    fireEvent.input(within(dialog).getByLabelText('Note for the next agent'), { target: { value: 'Needs billing' } });
    fireEvent.submit(dialog.querySelector('form')!);
    expect(net.latest().sent.find((f) => f.type === 'agent.transfer')).toMatchObject({ conversationId: 'c1', toAgentId: null, note: 'Needs billing' });
  });
});
