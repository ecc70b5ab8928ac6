// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { useResource } from './resource';

/** A load whose answers the test hands out by hand, in any order. */
function manual() {
  const pending: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const load = () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

describe('useResource', () => {
  it('shows only the answer for the latest key, even when an older one arrives last', async () => {
    const m = manual();
    const { result, rerender } = renderHook(({ k }: { k: string }) => useResource(m.load, k), { initialProps: { k: '7 days' } });
    rerender({ k: '30 days' });
    await act(async () => m.pending[1]!.resolve('thirty'));
    await act(async () => m.pending[0]!.resolve('seven'));
    expect(result.current[0]).toEqual({ status: 'ready', data: 'thirty' });
  });

  it('keeps the data on screen while reloading the same key, and shows loading again after an error', async () => {
    const m = manual();
    const { result } = renderHook(() => useResource(m.load, 'k'));
    await act(async () => m.pending[0]!.resolve('first'));
    act(() => result.current[1]());
    await waitFor(() => expect(m.pending).toHaveLength(2));
    expect(result.current[0]).toEqual({ status: 'ready', data: 'first' });
    await act(async () => m.pending[1]!.reject(new Error('offline')));
    expect(result.current[0]).toEqual({ status: 'error', message: 'offline' });
    act(() => result.current[1]());
    expect(result.current[0]).toEqual({ status: 'loading' });
  });
});
