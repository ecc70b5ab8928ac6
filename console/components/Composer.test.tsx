// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';

const canned = [
  { id: '1', shortcut: 'hello', text: 'Hi {visitor.name}, I am {agent.name}. How can I help?' },
  { id: '2', shortcut: 'refund', text: 'Refunds go back to {visitor.email} within 5 days.' },
  { id: '3', shortcut: 'help-center', text: 'Our help center has more.' },
];
const placeholders = { 'visitor.name': 'Vera', 'visitor.email': 'vera@example.com', 'agent.name': 'Ana' };

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(<Composer canned={canned} placeholders={placeholders} onSend={onSend} onTyping={onTyping} />);
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  const type = (value: string) => fireEvent.input(box, { target: { value, selectionStart: value.length } });
  return { onSend, onTyping, box, type };
}

afterEach(cleanup);

describe('Composer', () => {
  it('offers canned responses filtered by the /shortcut being typed', () => {
    const { type } = setup();
    type('/h');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      '/hello Hi {visitor.name}, I am {agent.name}. How can I help?',
      '/help-center Our help center has more.',
    ]);
    type('/hel');
    type('/hell');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    type('hello');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('inserts the chosen response with placeholders filled, and sends it on Enter', () => {
    const { box, type, onSend } = setup();
    type('Thanks! /ref');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Thanks! Refunds go back to vera@example.com within 5 days.');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Thanks! Refunds go back to vera@example.com within 5 days.', 'text');
    expect(box.value).toBe('');
  });

  it('moves through the picker with the arrow keys and picks with a click', () => {
    const { box, type } = setup();
    type('/');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.mouseDown(screen.getByText('/hello'));
    expect(box.value).toBe('Hi Vera, I am Ana. How can I help?');
  });

  it('closes the picker on Escape and keeps the typed text', () => {
    const { box, type } = setup();
    type('/ref');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('/ref');
  });

  it('sends an internal note in note mode, visibly different and without typing signals', () => {
    const { type, onSend, onTyping } = setup();
    fireEvent.click(screen.getByRole('radio', { name: 'Note' }));
    const box = screen.getByRole('textbox', { name: 'Internal note (the visitor does not see it)' });
    expect(box.closest('form')?.classList.contains('note-mode')).toBe(true);
    onTyping.mockClear();
    type('Customer is on the legacy plan');
    expect(onTyping).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(onSend).toHaveBeenCalledWith('Customer is on the legacy plan', 'note');
  });

  it('switches to note mode with Alt+I', () => {
    const { box } = setup();
    fireEvent.keyDown(box, { key: 'i', code: 'KeyI', altKey: true });
    expect(screen.getByRole('radio', { name: 'Note' })).toHaveProperty('checked', true);
  });

  it('keeps Shift+Enter as a line break and never sends an empty message', () => {
    const { box, type, onSend } = setup();
    fireEvent.keyDown(box, { key: 'Enter' });
    type('line one');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('tells the visitor the agent is typing while replying', () => {
    const { type, onTyping } = setup();
    type('On it');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    type('');
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });

  it('refuses a message over the length limit and says by how much', () => {
    const { type } = setup();
    type('x'.repeat(4_010));
    expect(screen.getByRole('alert').textContent).toBe('Too long: 10 characters over the limit.');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });
});
