// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message } from '../model/fixtures';
import { MessageList } from './MessageList';

afterEach(cleanup);

const base = { feedback: [], visitorName: 'Vera', myName: 'Ana', visitorTyping: false, onRetry: () => {} };
const article = { id: 'returns', title: 'Returns policy', excerpt: '', url: null, html: '<p>Send it back within <strong>30 days</strong>.</p>' };

describe('MessageList', () => {
  it('renders what people wrote as text, never as markup', () => {
    render(<MessageList {...base} messages={[message({ conversationId: 'c', seq: 1, text: '<img src=x onerror=alert(1)>' })]} pending={[]} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('previews an image and offers any other file as a download chip, both through the authorised file route', () => {
    const image = { id: 'f_image000000000000000', name: 'broken.png', type: 'image/png', size: 2_048 };
    const doc = { id: 'f_doc00000000000000000', name: 'invoice.pdf', type: 'application/pdf', size: 250_000 };
    render(
      <MessageList
        {...base}
        messages={[message({ conversationId: 'c', seq: 1, text: '', attachment: image }), message({ conversationId: 'c', seq: 2, text: 'the invoice', attachment: doc })]}
        pending={[]}
      />,
    );
    expect(screen.getByAltText('broken.png').getAttribute('src')).toBe('/api/files/f_image000000000000000');
    const chip = screen.getByRole('link', { name: /^Download invoice\.pdf ?244 KB$/ });
    expect(chip.getAttribute('href')).toBe('/api/files/f_doc00000000000000000');
    expect(chip.hasAttribute('download')).toBe(true);
  });

  it('marks internal notes so they cannot be mistaken for replies', () => {
    render(
      <MessageList
        {...base}
        messages={[
          message({ conversationId: 'c', seq: 1, author: 'agent', authorName: 'Ana', text: 'Hello Vera' }),
          message({ conversationId: 'c', seq: 2, author: 'agent', authorName: 'Ana', kind: 'note', text: 'VIP customer' }),
        ]}
        pending={[]}
      />,
    );
    const note = screen.getByText('VIP customer').closest('li');
    expect(note?.classList.contains('note')).toBe(true);
    expect(note?.textContent).toContain('Internal note');
    expect(screen.getByText('Hello Vera').closest('li')?.textContent).not.toContain('Internal note');
  });

  it('shows the article the bot answered with, and the visitor verdict on it', () => {
    render(
      <MessageList
        {...base}
        feedback={[{ messageSeq: 2, articleId: 'returns', helpful: true, at: 1 }]}
        messages={[message({ conversationId: 'c', seq: 2, author: 'bot', text: 'This should help', bot: { type: 'answer', article, confidence: 0.9 } })]}
        pending={[]}
      />,
    );
    expect(screen.getByText('Answered with an article (90% sure)')).toBeTruthy();
    expect(screen.getByText('30 days').tagName).toBe('STRONG');
    expect(screen.getByText('Visitor found this helpful')).toBeTruthy();
  });

  it('translates system events', () => {
    render(<MessageList {...base} messages={[message({ conversationId: 'c', seq: 3, author: 'system', text: '', system: { event: 'agent_joined', name: 'Ana' } })]} pending={[]} />);
    expect(screen.getByText('Ana joined')).toBeTruthy();
  });

  it('shows my unconfirmed message at once, and offers a retry when it was refused', () => {
    const onRetry = vi.fn();
    const pending = [
      { id: 'p1', conversationId: 'c', kind: 'text' as const, text: 'On my way', createdAt: 1, seq: null, failed: null },
      { id: 'p2', conversationId: 'c', kind: 'text' as const, text: 'Refused one', createdAt: 2, seq: null, failed: 'rate_limited' as const },
    ];
    render(<MessageList {...base} onRetry={onRetry} messages={[]} pending={pending} />);
    expect(screen.getByText('On my way').closest('li')?.textContent).toContain('Sending…');
    expect(screen.getByText('Refused one').closest('li')?.textContent).toContain('Not sent');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('p2');
  });

  it('offers earlier messages only when the server has more, and says when they are loading', () => {
    const onLoadEarlier = vi.fn();
    const messages = [message({ conversationId: 'c', seq: 101 })];
    const { rerender } = render(<MessageList {...base} messages={messages} pending={[]} earlier onLoadEarlier={onLoadEarlier} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }));
    expect(onLoadEarlier).toHaveBeenCalledOnce();
    rerender(<MessageList {...base} messages={messages} pending={[]} earlier loadingEarlier onLoadEarlier={onLoadEarlier} />);
    expect((screen.getByRole('button', { name: 'Loading earlier messages…' }) as HTMLButtonElement).disabled).toBe(true);
    rerender(<MessageList {...base} messages={messages} pending={[]} earlier={false} onLoadEarlier={onLoadEarlier} />);
    expect(screen.queryByRole('button', { name: /earlier/ })).toBeNull();
  });
});
