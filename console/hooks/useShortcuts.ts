import { useEffect, useRef } from 'preact/hooks';

export interface ShortcutActions {
  next(): void;
  prev(): void;
  resolve(): void;
  focusComposer(): void;
  toggleHelp(): void;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/**
 * Console-wide keys. Alt combinations work everywhere, single letters only outside text fields
 * so typing "j" in a reply never switches chats. `code` rather than `key` because Alt+N types
 * "˜" on a Mac keyboard.
 */
export function handleShortcut(e: KeyboardEvent, a: ShortcutActions): boolean {
  if (e.ctrlKey || e.metaKey) return false;
  if (e.altKey) {
    const byCode: Record<string, () => void> = { KeyN: a.next, KeyP: a.prev, KeyR: a.resolve, KeyC: a.focusComposer };
    const action = byCode[e.code];
    if (!action) return false;
    action();
    return true;
  }
  if (isEditable(e.target)) return false;
  const byKey: Record<string, () => void> = { j: a.next, k: a.prev, '/': a.focusComposer, '?': a.toggleHelp };
  const action = byKey[e.key];
  if (!action) return false;
  action();
  return true;
}

export function useShortcuts(actions: ShortcutActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(e, latest.current)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
