// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { article, wireMessage } from '../protocol/fixtures';
import type { TimelineEntry } from '../model/timeline';
import { MessageList } from './MessageList';
import type { MessageActions } from './Message';
import { renderWithI18n } from './test-utils';

const sent = (over: Parameters<typeof wireMessage>[0]): TimelineEntry => {
  const message = wireMessage(over);
  return { id: message.id, message, state: 'sent', error: null };
};

function actions(): MessageActions {
  return { onFeedback: vi.fn(), onChoose: vi.fn(), onEscalate: vi.fn(), onRetry: vi.fn(), onFile: vi.fn() };
}

function show(entries: TimelineEntry[], a = actions(), locale: 'en' | 'es' = 'en') {
  renderWithI18n(<MessageList entries={entries} conversationId="c1" greeting="Hi! Ask us anything." botActive canEscalate feedback={{}} actions={a} />, locale);
  return a;
}

const t0 = 1_700_000_000_000;

describe('MessageList', () => {
  it('shows the greeting, then each message with its author once per group', () => {
    show([
      sent({ seq: 1, author: 'visitor', text: 'Where is my parcel?', createdAt: t0 }),
      sent({ seq: 2, author: 'visitor', text: 'Order 1234', createdAt: t0 + 1000 }),
      sent({ seq: 3, author: 'agent', authorName: 'Ana', text: 'Let me check', createdAt: t0 + 2000 }),
    ]);
    const items = screen.getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Hi! Ask us anything.');
    expect(screen.getByText('Where is my parcel?')).toBeTruthy();
    expect(screen.getByText('Let me check')).toBeTruthy();
    expect(screen.getAllByText('You', { selector: '.msg-author' })).toHaveLength(1);
    expect(screen.getByText('Ana', { selector: '.msg-author' })).toBeTruthy();
  });

  it('translates system events and bot smalltalk instead of showing raw keys', () => {
    show(
      [
        sent({ seq: 1, author: 'system', system: { event: 'agent_joined', name: 'Ana' } }),
        sent({ seq: 2, text: 'Hello!', bot: { type: 'smalltalk', reply: 'thanks' } }),
      ],
      actions(),
      'es',
    );
    expect(screen.getByText('Ana se ha unido al chat.')).toBeTruthy();
    expect(screen.getByText('¡De nada!')).toBeTruthy();
  });

  it('marks an unconfirmed message as sending and a refused one as failed, with a retry', () => {
    const pending = sent({ id: 'cid-pending', seq: 9, author: 'visitor', text: 'queued' });
    const failed = { ...sent({ id: 'cid-failed', seq: 10, author: 'visitor', text: 'too fast' }), state: 'failed' as const, error: 'rate_limited' as const };
    const a = show([{ ...pending, state: 'pending' }, failed]);
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('You are sending messages too quickly');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(a.onRetry).toHaveBeenCalledWith('cid-failed');
  });

  it('renders bot answers as cards and suggestions as buttons that reach the store', () => {
    const other = { ...article, id: 'shipping', title: 'Shipping times' };
    const a = show([
      sent({ seq: 4, text: 'This might help:', bot: { type: 'answer', article, confidence: 0.9 } }),
      sent({ seq: 5, text: 'Did you mean:', bot: { type: 'suggest', suggestions: [other], confidence: 0.3 } }),
      sent({ seq: 6, text: '', bot: { type: 'escalate', reason: 'low_confidence', mode: 'offer' } }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'No, talk to a person' }));
    expect(a.onFeedback).toHaveBeenCalledWith(4, 'reset-password', false);
    fireEvent.click(screen.getByRole('button', { name: 'Shipping times' }));
    expect(a.onChoose).toHaveBeenCalledWith('shipping');
    // One pick spends the chips.
    expect((screen.getByRole('button', { name: 'Shipping times' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(a.onEscalate).toHaveBeenCalled();
  });

  it('makes links clickable (new tab, noopener) and renders the safe formatting subset, never markup', () => {
    show([sent({ seq: 7, author: 'agent', authorName: 'Ana', text: 'See **this** at https://shop.example/returns\n- one\n- two <b>x</b>' })]);
    const link = screen.getByRole('link', { name: 'https://shop.example/returns' });
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByText('this').tagName).toBe('STRONG');
    expect(screen.getByText('one').tagName).toBe('LI');
    expect(screen.getByText('two <b>x</b>').tagName).toBe('LI');
  });

  it('disables suggestion chips once the bot has answered again', () => {
    const other = { ...article, id: 'shipping', title: 'Shipping times' };
    show([
      sent({ seq: 5, text: 'Did you mean:', bot: { type: 'suggest', suggestions: [other], confidence: 0.3 } }),
      sent({ seq: 6, text: 'Here it is:', bot: { type: 'answer', article: other, confidence: 1 } }),
    ]);
    expect((screen.getByRole('button', { name: 'Shipping times' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows earlier conversations without live buttons', () => {
    show([sent({ seq: 1, conversationId: 'old', text: 'old answer', bot: { type: 'answer', article, confidence: 0.9 } }), sent({ seq: 1, id: 'n1', text: 'new' })]);
    expect(screen.getByText('Reset your password')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Yes, that helped' })).toBeNull();
    expect(screen.getByRole('separator', { name: 'Earlier conversation' })).toBeTruthy();
  });
});
