import { useEffect, useState } from 'preact/hooks';
import type { ConsoleStore } from './store';
import type { ConsoleState } from './state';

/** Re-renders the caller on every state change of `store`. */
export function useConsoleState(store: ConsoleStore): ConsoleState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
