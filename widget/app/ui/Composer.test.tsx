// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';
import { renderWithI18n } from './test-utils';

function setup(limit = 4000) {
  const onSend = vi.fn(() => 'ok' as const);
  const onTyping = vi.fn();
  renderWithI18n(<Composer onSend={onSend} onTyping={onTyping} limit={limit} />);
  const box = screen.getByRole('textbox', { name: 'Your message' }) as HTMLTextAreaElement;
  const type = (value: string) => fireEvent.input(box, { target: { value } });
  return { onSend, onTyping, box, type };
}

describe('Composer', () => {
  it('sends on Enter and clears the box', () => {
    const { onSend, box, type } = setup();
    type('Hello there');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hello there');
    expect(box.value).toBe('');
  });

  it('adds a line on Shift+Enter instead of sending', () => {
    const { onSend, box, type } = setup();
    type('line one');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('reports typing as the visitor types', () => {
    const { onTyping, type } = setup();
    type('h');
    expect(onTyping).toHaveBeenLastCalledWith(true);
    type('');
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });

  it('shows the characters left only near the limit, and blocks sending over it', () => {
    const { onSend, box, type } = setup(300);
    type('x'.repeat(50));
    expect(screen.queryByText(/characters left/)).toBeNull();
    type('x'.repeat(250));
    expect(screen.getByText('50 characters left')).toBeTruthy();
    type('x'.repeat(305));
    expect(screen.getByText('5 characters too many')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('keeps the text when the store refuses it', () => {
    const onSend = vi.fn(() => 'empty' as const);
    renderWithI18n(<Composer onSend={onSend} onTyping={vi.fn()} />);
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('   ');
  });
});
