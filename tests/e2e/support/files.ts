import type { Locator } from 'playwright-core';

export interface FileToGive {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** What the page did with the events: a page that takes files must cancel them, or the browser opens the file itself. */
export interface Handled {
  /** dragover cancelled: the browser shows the "drop here" cursor instead of refusing. */
  dragoverTaken: boolean;
  /** drop cancelled: the page took the file (a paste of a file has no default action to cancel). */
  taken: boolean;
}

/**
 * Gives `file` to `target` as a person would by dragging it from their desktop (dragover, then drop)
 * or by pasting a copied file: a real DataTransfer holding a real File, carried by real DragEvent or
 * ClipboardEvent objects, dispatched in the page. (Playwright has no native drop of a desktop file.)
 */
export function giveFile(target: Locator, how: 'drop' | 'paste', file: FileToGive): Promise<Handled> {
  return target.evaluate(
    (el, f) => {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], f.name, { type: f.mimeType }));
      const init = { bubbles: true, cancelable: true, composed: true };
      if (f.how === 'paste') {
        const paste = new ClipboardEvent('paste', { ...init, clipboardData: data });
        el.dispatchEvent(paste);
        return { dragoverTaken: false, taken: paste.defaultPrevented };
      }
      const over = new DragEvent('dragover', { ...init, dataTransfer: data });
      el.dispatchEvent(over);
      const drop = new DragEvent('drop', { ...init, dataTransfer: data });
      el.dispatchEvent(drop);
      return { dragoverTaken: over.defaultPrevented, taken: drop.defaultPrevented };
    },
    { how, name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
}
