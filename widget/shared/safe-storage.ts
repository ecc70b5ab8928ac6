/**
 * localStorage behind try/catch with an in-memory fallback: storage throws in Safari private
 * mode, in sandboxed iframes and when the visitor blocks site data, and the widget must still work.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function openStorage(win: Pick<Window, 'localStorage'> = window): KeyValueStore {
  const memory = new Map<string, string>();
  let backend: Storage | null = null;
  try {
    const s = win.localStorage;
    const probe = '__chat_probe__';
    s.setItem(probe, probe);
    s.removeItem(probe);
    backend = s;
  } catch {
    backend = null;
  }
  return {
    get(key) {
      try {
        return backend ? backend.getItem(key) : (memory.get(key) ?? null);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        backend?.setItem(key, value);
      } catch {
        // Quota exceeded: the in-memory copy keeps this page working.
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        backend?.removeItem(key);
      } catch {
        // Nothing to do: the memory copy is gone already.
      }
    },
  };
}

/** Storage keys, namespaced per site key so two widgets on one origin never mix visitors. */
export const storageKey = {
  state: (site: string) => `chat:${site}:state`,
  look: (site: string) => `chat:${site}:look`,
};
