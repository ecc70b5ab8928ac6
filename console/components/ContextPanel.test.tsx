// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../../shared/protocol/index';
import { detail, message } from '../model/fixtures';
import { ContextPanel } from './ContextPanel';

afterEach(cleanup);

const article = (id: string, title: string) => ({ id, title, excerpt: '', url: `https://help.example/${id}`, html: `<p>${title}</p>` });

const full: ConversationDetail = detail({
  id: 'c1',
  reason: 'negative_feedback',
  visitor: { id: 'v1', name: 'Vera Lopez', email: 'vera@example.com', userId: 'u_42', verified: true, attributes: { plan: 'Pro', seats: 12 } },
  context: {
    url: 'https://shop.example/checkout',
    title: 'Checkout',
    referrer: 'https://search.example/?q=shoes',
    language: 'es-MX',
    timeZone: 'America/Mexico_City',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  },
  pages: [
    { url: 'https://shop.example/cart', title: 'Cart', at: 1_700_000_000_000 },
    { url: 'https://shop.example/checkout', title: 'Checkout', at: 1_700_000_060_000 },
  ],
  previous: [{ ...detail({ id: 'old' }), status: 'resolved', lastMessage: 'Thanks, sorted!' }],
  feedback: [{ messageSeq: 2, articleId: 'returns', helpful: false, at: 5 }],
});

const transcript = [
  message({ conversationId: 'c1', seq: 1, text: 'How do I return shoes?' }),
  message({ conversationId: 'c1', seq: 2, author: 'bot', text: 'This may help', bot: { type: 'answer', article: article('returns', 'Returns policy'), confidence: 0.82 } }),
  message({ conversationId: 'c1', seq: 3, author: 'bot', text: 'Maybe one of these?', bot: { type: 'suggest', suggestions: [article('labels', 'Printing a label'), article('refunds', 'Refund times')], confidence: 0.4 } }),
  message({ conversationId: 'c1', seq: 4, author: 'bot', text: '', bot: { type: 'escalate', reason: 'negative_feedback', mode: 'start' } }),
];

function section(name: string): HTMLElement {
  return screen.getByRole('heading', { name }).closest('section') as HTMLElement;
}

describe('ContextPanel', () => {
  it('shows who the visitor is and that their identity is verified', () => {
    render(<ContextPanel detail={full} messages={transcript} feedback={full.feedback} />);
    const visitor = within(section('Visitor'));
    expect(visitor.getByText('Vera Lopez')).toBeTruthy();
    expect(visitor.getByText('vera@example.com')).toBeTruthy();
    expect(visitor.getByText('✓ Verified identity')).toBeTruthy();
    expect(visitor.getByText('Answer did not help')).toBeTruthy();
  });

  it('says plainly when the identity is not verified or unknown', () => {
    render(<ContextPanel detail={detail({ id: 'c2', visitor: { id: 'v', name: null, email: null, userId: null, verified: false, attributes: {} } })} messages={[]} feedback={[]} />);
    const visitor = within(section('Visitor'));
    expect(visitor.getByText('Not verified')).toBeTruthy();
    expect(visitor.getAllByText('Unknown')).toHaveLength(2);
    expect(screen.getByText('The bot did not answer in this chat.')).toBeTruthy();
    expect(screen.getByText('First conversation.')).toBeTruthy();
  });

  it('shows where the visitor is, came from, and what they use', () => {
    render(<ContextPanel detail={full} messages={transcript} feedback={[]} />);
    expect(screen.getByRole('link', { name: 'https://search.example/?q=shoes' })).toBeTruthy();
    expect(screen.getByText('Safari 17')).toBeTruthy();
    expect(screen.getByText('macOS')).toBeTruthy();
    expect(screen.getByText('es-MX')).toBeTruthy();
    expect(screen.getByText('America/Mexico_City')).toBeTruthy();
    const pages = within(section('Pages visited during the chat'));
    expect(pages.getAllByRole('link').map((a) => a.textContent)).toEqual(['Cart', 'Checkout']);
  });

  it('lists custom attributes from identify', () => {
    render(<ContextPanel detail={full} messages={transcript} feedback={[]} />);
    const attrs = within(section('Attributes'));
    expect(attrs.getByText('plan').nextElementSibling?.textContent).toBe('Pro');
    expect(attrs.getByText('seats').nextElementSibling?.textContent).toBe('12');
  });

  it('summarises what the bot showed, suggested and how the visitor judged it', () => {
    render(<ContextPanel detail={full} messages={transcript} feedback={full.feedback} />);
    const bot = within(section('What the bot did'));
    expect(bot.getByText('Answered with an article (82% sure)')).toBeTruthy();
    expect(bot.getByRole('link', { name: 'Returns policy' }).getAttribute('href')).toBe('https://help.example/returns');
    // The kind and the article title read as two words, not "…sure)Returns policy".
    expect(section('What the bot did').textContent).toContain('Answered with an article (82% sure) Returns policy');
    expect(bot.getByText('Visitor said this did not help')).toBeTruthy();
    expect(bot.getByRole('link', { name: 'Printing a label' })).toBeTruthy();
    expect(bot.getByRole('link', { name: 'Refund times' })).toBeTruthy();
    expect(bot.getByText('Handed over: Answer did not help')).toBeTruthy();
  });

  it('lists previous conversations', () => {
    render(<ContextPanel detail={full} messages={transcript} feedback={[]} />);
    const prev = within(section('Previous conversations'));
    expect(prev.getByText('Thanks, sorted!')).toBeTruthy();
    expect(prev.getByText(/Resolved/)).toBeTruthy();
  });

  it('never turns a visitor-supplied javascript: URL into a link', () => {
    const sneaky = detail({ id: 'c3', context: { url: 'javascript:alert(1)', title: 'Home', referrer: '', language: '', timeZone: '', userAgent: '' } });
    render(<ContextPanel detail={sneaky} messages={[]} feedback={[]} />);
    expect(screen.getByText('Home').closest('a')).toBeNull();
  });
});
