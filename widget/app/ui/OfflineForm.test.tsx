// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { OfflineForm } from './OfflineForm';
import { renderWithI18n } from './test-utils';

function setup(over: Partial<Parameters<typeof OfflineForm>[0]> = {}) {
  const onSubmit = vi.fn();
  renderWithI18n(<OfflineForm initialText="My order never arrived" initialEmail="" initialName="" sending={false} sent={false} emailReplies={false} onSubmit={onSubmit} {...over} />);
  return onSubmit;
}

describe('OfflineForm', () => {
  it('says honestly that no one is available and keeps what the visitor already wrote', () => {
    setup();
    expect(screen.getByRole('heading', { name: 'No one is available right now' })).toBeTruthy();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('My order never arrived');
  });

  it('refuses a missing or invalid email address and says why', () => {
    const onSubmit = setup();
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Please enter a valid email address.')).toBeTruthy();
    expect(screen.getByLabelText('Email address').getAttribute('aria-invalid')).toBe('true');
  });

  it('submits email, name and message', () => {
    const onSubmit = setup();
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana@example.com' } });
    fireEvent.input(screen.getByLabelText(/Name/), { target: { value: 'Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(onSubmit).toHaveBeenCalledWith({ email: 'ana@example.com', name: 'Ana', text: 'My order never arrived' });
  });

  it('thanks the visitor once the ticket is stored, promising email only when the server sends it', () => {
    setup({ sent: true, emailReplies: true });
    expect(screen.getByRole('status').textContent).toContain('will reply by email');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('never promises email when the server cannot send it', () => {
    setup();
    expect(document.body.textContent).not.toMatch(/by email/i);
    expect(document.body.textContent).toContain('Our answer will appear here in this chat');
  });

  it('never promises email after the ticket is stored either', () => {
    setup({ sent: true });
    expect(screen.getByRole('status').textContent).not.toMatch(/by email/i);
    expect(screen.getByRole('status').textContent).toContain('Our answer will appear here in this chat');
  });
});
