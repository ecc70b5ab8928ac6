// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Csat } from './Csat';
import { renderWithI18n } from './test-utils';

describe('Csat', () => {
  it('needs a rating before it can be sent, then sends rating and comment', () => {
    const onSubmit = vi.fn();
    renderWithI18n(<Csat sending={false} done={false} onSubmit={onSubmit} />);
    const submit = screen.getByRole('button', { name: 'Send rating' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '4 out of 5' }));
    fireEvent.input(screen.getByLabelText(/Anything else/), { target: { value: 'Quick and kind' } });
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledWith(4, 'Quick and kind');
  });

  it('offers all five ratings as one labelled group', () => {
    renderWithI18n(<Csat sending={false} done={false} onSubmit={vi.fn()} />);
    expect(screen.getByRole('group', { name: 'How would you rate this conversation?' })).toBeTruthy();
    expect(screen.getAllByRole('radio')).toHaveLength(5);
  });

  it('thanks the visitor after rating', () => {
    renderWithI18n(<Csat sending={false} done onSubmit={vi.fn()} />, 'es');
    expect(screen.getByRole('status').textContent).toBe('¡Gracias por tu valoración!');
  });
});
