// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../components/Composer';
import { EMOJI_COLUMNS } from './EmojiPicker';
import { searchEmoji } from './search';

afterEach(cleanup);

async function openPicker() {
  const onSend = vi.fn();
  render(<Composer canned={[]} placeholders={{ 'visitor.name': 'Vera', 'visitor.email': 'vera@example.com', 'agent.name': 'Ana' }} onSend={onSend} onTyping={vi.fn()} />);
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  fireEvent.input(box, { target: { value: 'Thanks !', selectionStart: 7 } });
  box.setSelectionRange(7, 7);
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Insert emoji' }));
  });
  const search = await screen.findByRole('combobox', { name: 'Search emoji' });
  return { box, search, onSend };
}

describe('emoji picker in the console composer', () => {
  it('opens lazily with the search box focused and moves through the grid with the arrow keys', async () => {
    const { search } = await openPicker();
    await waitFor(() => expect(document.activeElement).toBe(search));
    const active = () => document.getElementById(search.getAttribute('aria-activedescendant')!)?.getAttribute('aria-label');
    const all = searchEmoji('');
    expect(active()).toBe(all[0]![1]);
    fireEvent.keyDown(search, { key: 'ArrowRight' });
    expect(active()).toBe(all[1]![1]);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(active()).toBe(all[1 + EMOJI_COLUMNS]![1]);
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'ArrowLeft' });
    fireEvent.keyDown(search, { key: 'ArrowLeft' });
    expect(active()).toBe(all[0]![1]);
  });

  it('searches by name and inserts the emoji at the caret with Enter, then sends it', async () => {
    const { box, search, onSend } = await openPicker();
    fireEvent.input(search, { target: { value: 'thumbs up' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['👍']);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(box.value).toBe('Thanks 👍!');
    expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull();
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Thanks 👍!', 'text');
  });

  it('closes on Escape without inserting, back on its button, and says when nothing matches', async () => {
    const { box, search } = await openPicker();
    fireEvent.input(search, { target: { value: 'qqqq' } });
    expect(screen.getByRole('status').textContent).toBe('No emoji match.');
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Insert emoji' }));
    expect(box.value).toBe('Thanks !');
  });
});
