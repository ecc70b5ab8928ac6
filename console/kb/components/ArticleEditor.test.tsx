// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminApiError } from '../../admin/rest';
import { type ArticleInput, type ArticleSource, type KbApi } from '../api';
import { ArticleEditor, type Target } from './ArticleEditor';

afterEach(cleanup);

const GIFT: ArticleSource = { id: 'gift-cards', title: 'Gift cards', questions: ['Can I buy a gift card?'], tags: ['gifts'], url: null, locale: null, body: 'Gift cards come in £10 to £200.' };

function setup(target: Target, save: (input: ArticleInput) => Promise<ArticleSource>) {
  const api = {
    source: vi.fn(async () => GIFT),
    save: vi.fn(async (input: ArticleInput, _opts?: { create?: boolean }) => save(input)),
    remove: vi.fn(async () => {}),
    preview: vi.fn(async (body: string) => ({ html: `<p>${body.length} chars</p>`, placeholder: null })),
    gaps: vi.fn(async () => [
      { id: 'gap-1', count: 3, examples: ['do you sell gift wrapping', 'gift wrap?'], nearestArticles: [{ articleId: 'gift-cards' }], draft: { title: 'Gift wrapping', questions: ['do you sell gift wrapping', 'gift wrap?'] } },
      { id: 'gap-2', count: 1, examples: ['kayaks?'], nearestArticles: [{ articleId: 'returns' }], draft: { title: 'Kayaks', questions: ['kayaks?'] } },
    ]),
    addQuestions: vi.fn(async (_id: string, questions: string[]) => ({ source: { ...GIFT, questions: [...GIFT.questions, ...questions] }, added: questions })),
  } satisfies Pick<KbApi, 'source' | 'save' | 'remove' | 'preview' | 'gaps' | 'addQuestions'>;
  const onSaved = vi.fn();
  const onDeleted = vi.fn();
  render(<ArticleEditor api={api} target={target} stats={null} onSaved={onSaved} onDeleted={onDeleted} />);
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
  const errorOf = (label: string) => document.getElementById(field(label).getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;
  return { api, onSaved, onDeleted, field, type, errorOf };
}

describe('ArticleEditor', () => {
  it('creates an article: errors sit beside their fields, and the placeholder is refused before the server', async () => {
    const { api, onSaved, field, type, errorOf } = setup({ kind: 'new' }, async (input) => ({ ...GIFT, ...input, url: null, locale: null }));
    type('Answer (Markdown)', 'TODO: write the answer.');
    fireEvent.click(screen.getByRole('button', { name: 'Create article' }));
    expect(api.save).not.toHaveBeenCalled();
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('Title')).toBe('Required.');
    expect(errorOf('Answer (Markdown)')).toBe('Replace the placeholder “TODO: write the answer.” with the answer before saving.');
    await waitFor(() => expect(document.activeElement).toBe(field('Title')));
    type('Title', 'Gift wrapping');
    type('Id (file name)', 'gift-wrapping');
    type('Example questions (one per line)', 'Do you gift wrap?\n');
    type('Answer (Markdown)', 'Yes, for £3.');
    fireEvent.click(screen.getByRole('button', { name: 'Create article' }));
    await screen.findByText('✓ Saved. The bot answers from it now.');
    expect(api.save).toHaveBeenCalledWith({ id: 'gift-wrapping', title: 'Gift wrapping', questions: ['Do you gift wrap?'], tags: [], url: null, body: 'Yes, for £3.' }, { create: true });
    expect(onSaved).toHaveBeenCalledOnce();
    // The preview is the server's rendering of what was typed.
    await screen.findByText('12 chars');
  });

  it('shows the server\'s refusals inline: a taken id, and field errors', async () => {
    const answers = [new AdminApiError(409, 'invalid_state', 'exists', { id: 'exists' }), new AdminApiError(400, 'kb_invalid_article', 'bad', { url: 'Invalid URL' })];
    const { type, errorOf } = setup({ kind: 'new' }, async () => {
      throw answers.shift();
    });
    type('Title', 'Gift cards');
    type('Id (file name)', 'gift-cards');
    type('Answer (Markdown)', 'Real text.');
    fireEvent.click(screen.getByRole('button', { name: 'Create article' }));
    await waitFor(() => expect(errorOf('Id (file name)')).toBe('An article with this id already exists.'));
    type('Id (file name)', 'gift-cards-2');
    fireEvent.click(screen.getByRole('button', { name: 'Create article' }));
    await waitFor(() => expect(errorOf('Link to the full article (optional)')).toBe('Invalid URL'));
  });

  it('edits an existing article with a fixed id, previews it, and deletes only after confirming', async () => {
    const { api, onDeleted, field } = setup({ kind: 'edit', id: 'gift-cards' }, async (input) => ({ ...GIFT, ...input, url: null, locale: null }));
    await screen.findByRole('heading', { name: 'Edit “Gift cards”' });
    expect(field('Id (file name)').readOnly).toBe(true);
    expect(field('Example questions (one per line)').value).toBe('Can I buy a gift card?');
    await screen.findByText('31 chars');
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Gift cards”?' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(api.remove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete article' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('gift-cards', 'Gift cards'));
    expect(api.remove).toHaveBeenCalledWith('gift-cards');
  });

  it('adds the questions of a gap this article was ranked first for, and the gap leaves', async () => {
    const { api, field } = setup({ kind: 'edit', id: 'gift-cards' }, async (input) => ({ ...GIFT, ...input, url: null, locale: null }));
    const section = await screen.findByRole('region', { name: 'Unanswered questions this article may answer' });
    expect(section.textContent).toContain('do you sell gift wrapping');
    expect(section.textContent).not.toContain('kayaks?');
    fireEvent.click(screen.getByRole('button', { name: 'Add these questions to this article (2)' }));
    await screen.findByText('Questions added to this article: 2. That gap is resolved.');
    expect(api.addQuestions).toHaveBeenCalledWith('gift-cards', ['do you sell gift wrapping', 'gift wrap?'], { id: 'gap-1', questions: ['do you sell gift wrapping', 'gift wrap?'] });
    expect(field('Example questions (one per line)').value).toBe('Can I buy a gift card?\ndo you sell gift wrapping\ngift wrap?');
    expect(screen.queryByRole('button', { name: /Add these questions/ })).toBeNull();
  });

  it('says so when the article cannot be loaded, instead of an empty form', async () => {
    const { api } = setup({ kind: 'edit', id: 'nope' }, async (input) => ({ ...GIFT, ...input, url: null, locale: null }));
    api.source.mockRejectedValueOnce(new AdminApiError(404, 'kb_not_found', 'no such article'));
    cleanup();
    render(<ArticleEditor api={api} target={{ kind: 'edit', id: 'nope' }} stats={null} onSaved={() => {}} onDeleted={() => {}} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load this: no such article');
    expect(screen.queryByLabelText('Title')).toBeNull();
  });

  it('saves with Ctrl+S from any field', async () => {
    const { api, field, type } = setup({ kind: 'edit', id: 'gift-cards' }, async (input) => ({ ...GIFT, ...input, url: null, locale: null }));
    await screen.findByRole('heading', { name: 'Edit “Gift cards”' });
    type('Title', 'Gift cards and vouchers');
    fireEvent.keyDown(field('Answer (Markdown)'), { key: 's', ctrlKey: true });
    await screen.findByText('✓ Saved. The bot answers from it now.');
    expect(api.save).toHaveBeenCalledWith(expect.objectContaining({ id: 'gift-cards', title: 'Gift cards and vouchers' }), { create: false });
  });
});

