// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GapDraft } from '../api';
import type { ArticleBody } from '../lib/draft';
import type { SaveResult } from '../model/dashboard';
import { GapEditor } from './GapEditor';

afterEach(cleanup);

const draft: GapDraft = {
  id: 'do-you-rent-kayaks',
  title: 'Do you rent kayaks',
  questions: ['Do you rent kayaks?', 'Can I rent a kayak for the weekend?'],
  tags: [],
  body: 'TODO: write the answer.',
  markdown: '---\nid: do-you-rent-kayaks\n---\n',
};

function setup(answers: SaveResult[]) {
  const onSave = vi.fn(async (_body: ArticleBody, _replace: boolean) => answers.shift() ?? { kind: 'failed' as const, message: 'no answer' });
  render(<GapEditor draft={draft} onSave={onSave} onCancel={() => {}} />);
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
  return { onSave, field, type };
}

describe('GapEditor', () => {
  it('starts from the draft, with the title focused', () => {
    const { field } = setup([]);
    expect(field('Title').value).toBe('Do you rent kayaks');
    expect(field('Article id (file name)').value).toBe('do-you-rent-kayaks');
    expect(field('Example questions, one per line').value).toBe('Do you rent kayaks?\nCan I rent a kayak for the weekend?');
    expect(document.activeElement).toBe(field('Title'));
  });

  it('turns the edited draft into the PUT body and shows what was saved', async () => {
    const { onSave, type } = setup([{ kind: 'saved', id: 'kayak-rental', title: 'Kayak rental' }]);
    type('Title', '  Kayak rental ');
    type('Article id (file name)', 'kayak-rental');
    type('Example questions, one per line', 'Do you rent kayaks?\n\n  do you rent KAYAKS?\nKayak hire prices');
    type('Tags, separated by commas', 'rental, kayaks, , rental');
    type('Answer (Markdown)', 'We do not rent kayaks.\n');
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    await screen.findByText('✓ Saved “Kayak rental” as kayak-rental. The bot answers with it from now on.');
    expect(onSave).toHaveBeenCalledWith(
      { id: 'kayak-rental', title: 'Kayak rental', questions: ['Do you rent kayaks?', 'Kayak hire prices'], tags: ['rental', 'kayaks'], body: 'We do not rent kayaks.' },
      false,
    );
  });

  it('asks before replacing an article that has the same id', async () => {
    const { onSave, type } = setup([{ kind: 'exists', id: 'do-you-rent-kayaks' }, { kind: 'saved', id: 'do-you-rent-kayaks', title: 'Do you rent kayaks' }]);
    type('Answer (Markdown)', 'No, we do not.');
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    await screen.findByText(/An article with the id do-you-rent-kayaks already exists/);
    fireEvent.click(screen.getByRole('button', { name: 'Replace it' }));
    await screen.findByText(/✓ Saved/);
    expect(onSave.mock.calls.map((c) => c[1])).toEqual([false, true]);
  });

  it('refuses an id the KB would refuse, without calling the server, and shows server refusals', async () => {
    const { onSave, type } = setup([{ kind: 'failed', message: 'title: Too big' }]);
    type('Article id (file name)', 'kayak rental!');
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    expect(screen.getByRole('alert').textContent).toContain('The id must be 1–100 letters');
    expect(onSave).not.toHaveBeenCalled();
    type('Article id (file name)', 'kayak-rental');
    type('Answer (Markdown)', 'We rent kayaks.');
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not saved: title: Too big'));
  });

  it('never publishes the draft placeholder: the problem shows beside the answer, and so do server refusals', async () => {
    const { onSave, type, field } = setup([{ kind: 'failed', message: 'refused', fields: { title: 'too long' } }]);
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    expect(onSave).not.toHaveBeenCalled();
    const body = field('Answer (Markdown)');
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(body.getAttribute('aria-describedby')!)?.textContent).toBe('Replace the placeholder text with the answer: a draft placeholder is never published.');
    type('Answer (Markdown)', 'We rent kayaks from May to September.');
    fireEvent.click(screen.getByRole('button', { name: 'Save to knowledge base' }));
    await waitFor(() => expect(field('Title').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toBe('Not saved: too long');
  });
});
