import { useState } from 'preact/hooks';
import { failureText } from '../client';
import type { Feedback } from '../components/Panel';

/**
 * One form's pending flag and last outcome. `run` performs the call and turns its answer or its
 * failure into the feedback line; it resolves to the answer, or null when the call failed.
 */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  async function run<T>(call: () => Promise<T>, success: (value: T) => string, failure: (message: string) => string): Promise<T | null> {
    setPending(true);
    setFeedback(null);
    try {
      const value = await call();
      setFeedback({ ok: true, text: success(value) });
      return value;
    } catch (e) {
      setFeedback({ ok: false, text: failure(failureText(e)) });
      return null;
    } finally {
      setPending(false);
    }
  }
  return { pending, feedback, setFeedback, run };
}
