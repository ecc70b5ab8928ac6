// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GapCluster } from '../api';
import { AnswerGap } from './AnswerGap';

afterEach(cleanup);

const cluster: GapCluster = {
  id: 'gap-1',
  count: 2,
  conversations: 2,
  reasons: { no_match: 2, suggestions_ignored: 0, not_helpful: 0 },
  examples: ['can you engrave my watch', 'engraving?'],
  nearestArticles: [{ articleId: 'repairs', title: 'Repair service', count: 2 }],
  firstAt: '2026-01-01T00:00:00.000Z',
  lastAt: '2026-01-02T00:00:00.000Z',
  draft: { id: 'engraving', title: 'Engraving', questions: ['can you engrave my watch', 'engraving?'], tags: [], body: 'TODO: write the answer.', markdown: '' },
};
const articles = [
  { id: 'gift-cards', title: 'Gift cards' },
  { id: 'repairs', title: 'Repair service' },
  { id: 'boots', title: 'Boot sizes' },
];

describe('AnswerGap', () => {
  it('offers the closest article first, then the rest by title, and answers with the one chosen', async () => {
    const onAnswer = vi.fn(async () => ({ kind: 'answered' as const, title: 'Boot sizes', added: 2 }));
    render(<AnswerGap cluster={cluster} articles={articles} onAnswer={onAnswer} />);
    const select = screen.getByLabelText('Or answered by an existing article:') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Repair service', 'Boot sizes', 'Gift cards']);
    expect(select.value).toBe('repairs');
    fireEvent.change(select, { target: { value: 'boots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add its questions to that article (2)' }));
    await vi.waitFor(() => expect(onAnswer).toHaveBeenCalledWith('boots'));
  });

  it('says why when the server refuses', async () => {
    render(<AnswerGap cluster={cluster} articles={articles} onAnswer={async () => ({ kind: 'failed', message: 'no such article' })} />);
    fireEvent.click(screen.getByRole('button', { name: /Add its questions/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: no such article');
  });
});
