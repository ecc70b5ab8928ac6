import { useEffect, useState } from 'preact/hooks';
import type { ChatState } from '../model/state';

export interface StateSource {
  getState(): ChatState;
  subscribe(fn: () => void): () => void;
}

/** Re-renders on every store change. */
export function useStoreState(store: StateSource): ChatState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
