// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../model/fixtures';
import { MarkWrongContext } from './MarkWrong';
import { MessageList } from './MessageList';

afterEach(cleanup);

const base = { feedback: [], visitorName: 'Vera', myName: 'Ana', visitorTyping: false, onRetry: () => {}, pending: [] };
const article = { id: 'returns', title: 'Returns policy', excerpt: '', url: null, html: '<p>Send it back.</p>' };
const messages = [
  message({ conversationId: 'c1', seq: 1, text: 'can I send it back' }),
  message({ conversationId: 'c1', seq: 2, author: 'bot', text: '', bot: { type: 'answer', article, confidence: 0.9 } }),
  message({ conversationId: 'c1', seq: 3, author: 'bot', text: '', bot: { type: 'suggest', suggestions: [article], confidence: 0.4 } }),
];

describe('marking a bot answer wrong', () => {
  it('offers the action on answers only, sends it for that message and confirms', async () => {
    const mark = vi.fn(async () => {});
    render(
      <MarkWrongContext.Provider value={mark}>
        <MessageList {...base} messages={messages} />
      </MarkWrongContext.Provider>,
    );
    const buttons = screen.getAllByRole('button', { name: 'Mark answer wrong' });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(screen.getByText(/Marked wrong: the bot will trust this article less/)).toBeTruthy());
    expect(mark).toHaveBeenCalledWith('c1', 2);
    expect(screen.queryByRole('button', { name: 'Mark answer wrong' })).toBeNull();
  });

  it('says so when it fails, and lets the agent try again', async () => {
    const mark = vi.fn(async () => {
      throw new Error('offline');
    });
    render(
      <MarkWrongContext.Provider value={mark}>
        <MessageList {...base} messages={messages} />
      </MarkWrongContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mark answer wrong' }));
    await waitFor(() => expect(screen.getByText('Could not mark it. Try again.')).toBeTruthy());
    expect((screen.getByRole('button', { name: 'Mark answer wrong' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows no button where nothing can send it', () => {
    render(<MessageList {...base} messages={messages} />);
    expect(screen.queryByRole('button', { name: 'Mark answer wrong' })).toBeNull();
  });
});
