// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AttachmentView } from '../attach/index';
import { Composer } from './Composer';
import { renderWithI18n } from './test-utils';

const file = (name: string, type: string) => new File([new Uint8Array([1, 2, 3])], name, { type });

describe('attaching a file in the widget', () => {
  it('uploads what the visitor picks and says so while it goes', async () => {
    let finish = () => {};
    const onAttach = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    renderWithI18n(<Composer onSend={() => 'ok'} onTyping={() => {}} onAttach={onAttach} />);
    const picker = screen.getByLabelText('Attach a file') as HTMLInputElement;
    const photo = file('photo.png', 'image/png');
    fireEvent.change(picker, { target: { files: [photo] } });
    expect(onAttach).toHaveBeenCalledWith(photo);
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Uploading photo.png…');
    finish();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('shows why a file was refused, in the visitor language', async () => {
    const onAttach = vi.fn(() => Promise.reject('file_type_refused'));
    renderWithI18n(<Composer onSend={() => 'ok'} onTyping={() => {}} onAttach={onAttach} />, 'es');
    fireEvent.change(screen.getByLabelText('Adjuntar un archivo'), { target: { files: [file('virus.exe', 'application/x-msdownload')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('Este chat no acepta archivos del tipo de virus.exe.');
  });

  it('tells a visitor whose upload hit the rate limit to wait, not to retry blindly', async () => {
    const onAttach = vi.fn(() => Promise.reject('rate_limited'));
    renderWithI18n(<Composer onSend={() => 'ok'} onTyping={() => {}} onAttach={onAttach} />, 'de');
    fireEvent.change(screen.getByLabelText('Datei anhängen'), { target: { files: [file('foto.png', 'image/png')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('Sie haben viele Dateien gesendet: Bitte warten Sie kurz und senden Sie foto.png dann erneut.');
  });

  it('still says the file was not sent when the attachments code itself could not be fetched', async () => {
    const onAttach = vi.fn(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    renderWithI18n(<Composer onSend={() => 'ok'} onTyping={() => {}} onAttach={onAttach} />, 'es');
    fireEvent.change(screen.getByLabelText('Adjuntar un archivo'), { target: { files: [file('foto.png', 'image/png')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('foto.png: No enviado.');
  });

  it('has no attach button when there is nowhere to upload', () => {
    renderWithI18n(<Composer onSend={() => 'ok'} onTyping={() => {}} />);
    expect(screen.queryByLabelText('Attach a file')).toBeNull();
  });

  it('shows a file as a named chip with its size that downloads with the visitor credentials', async () => {
    const load = vi.fn(() => Promise.resolve(new Blob(['%PDF-1.4'])));
    renderWithI18n(<AttachmentView a={{ id: 'f_abcdefghijklmnopqrst', name: 'invoice.pdf', type: 'application/pdf', size: 250_000 }} locale="en" load={load} />);
    const chip = screen.getByRole('button', { name: /^Download invoice\.pdf ?244 KB$/ });
    fireEvent.click(chip);
    expect(load).toHaveBeenCalledWith('f_abcdefghijklmnopqrst');
  });

  it('names a file chip as each language words it, around the visible name (label in name)', () => {
    renderWithI18n(<AttachmentView a={{ id: 'f_abcdefghijklmnopqrst', name: 'rechnung.pdf', type: 'application/pdf', size: 12 }} locale="de" load={() => new Promise(() => {})} />, 'de');
    const chip = screen.getByRole('button', { name: /^rechnung\.pdf herunterladen ?12 B$/ });
    expect(chip.getAttribute('aria-label')).toBeNull();
  });

  it('previews an image once its bytes arrive', async () => {
    const load = vi.fn(() => Promise.resolve(new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' })));
    renderWithI18n(<AttachmentView a={{ id: 'f_abcdefghijklmnopqrst', name: 'label.png', type: 'image/png', size: 10 }} locale="en" load={load} />);
    const img = (await screen.findByAltText('label.png')) as HTMLImageElement;
    await waitFor(() => expect(img.tagName).toBe('IMG'));
    expect(img.getAttribute('src')).toMatch(/^blob:/);
  });
});
