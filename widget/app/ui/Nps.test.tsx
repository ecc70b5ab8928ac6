// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Nps } from './Nps';
import { renderWithI18n } from './test-utils';

describe('Nps', () => {
  it('offers 0–10 as one labelled group with the scale explained, and needs a score before sending', () => {
    const onAnswer = vi.fn();
    renderWithI18n(<Nps sending={false} onAnswer={onAnswer} />);
    const group = screen.getByRole('group', { name: 'How likely are you to recommend us to a friend?' });
    expect(screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(document.getElementById(group.getAttribute('aria-describedby')!)?.textContent).toBe('0 = not at all likely, 10 = extremely likely');
    const submit = screen.getByRole('button', { name: 'Send rating' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '0' }));
    fireEvent.input(screen.getByLabelText(/Anything else/), { target: { value: 'Too slow' } });
    fireEvent.click(submit);
    expect(onAnswer).toHaveBeenCalledWith(0, 'Too slow');
  });

  it('can be declined', () => {
    const onAnswer = vi.fn();
    renderWithI18n(<Nps sending={false} onAnswer={onAnswer} />, 'es');
    fireEvent.click(screen.getByRole('button', { name: 'No, gracias' }));
    expect(onAnswer).toHaveBeenCalledWith(null, '');
    expect(screen.getByRole('group', { name: '¿Qué probabilidad hay de que nos recomiendes a un amigo?' })).toBeTruthy();
  });
});
