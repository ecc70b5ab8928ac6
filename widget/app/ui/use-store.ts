import { useLayoutEffect, useState } from 'preact/hooks';
import type { ChatState } from '../model/state';

export interface StateSource {
  getState(): ChatState;
  subscribe(fn: () => void): () => void;
}

/**
 * Re-renders on every store change. Subscribed in a layout effect, right after the first render: a plain
 * effect waits for the next frame, so a change made just after mounting (opening the panel on the first
 * click) cost a second render, style and layout pass before the chat was usable.
 */
export function useStoreState(store: StateSource): ChatState {
  const [state, setState] = useState(store.getState());
  useLayoutEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
