import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Resource<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/**
 * Loads `load()` whenever `key` changes and exposes the latest answer only: a slow response for
 * an earlier range never overwrites a newer one. `reload` asks again with the same key.
 */
export function useResource<T>(load: () => Promise<T>, key: string): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const shownKey = useRef<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ticket = ++latest.current;
    // A new key shows "loading"; a reload of the same key keeps the data on screen (and what
    // the user is doing with it, such as a secret shown once) until the answer replaces it.
    const fresh = shownKey.current !== key;
    shownKey.current = key;
    setState((s) => (fresh || s.status === 'error' ? { status: 'loading' } : s));
    loadRef.current().then(
      (data) => ticket === latest.current && setState({ status: 'ready', data }),
      (e: unknown) => ticket === latest.current && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [key, round]);

  return [state, useCallback(() => setRound((r) => r + 1), [])];
}
