import { useEffect, useId, useState } from 'preact/hooks';
import type { KbApi } from '../api';
import { useKbI18n } from '../i18n/index';

/** Typing pauses this long before the server renders the preview: one request per pause, not per key. */
const DEBOUNCE_MS = 250;

type State = { kind: 'idle' } | { kind: 'ready'; html: string } | { kind: 'failed'; message: string };

/**
 * The body rendered by the server with the bot's own sanitising renderer, so the preview is exactly
 * what visitors get and no unsanitised HTML ever reaches the page.
 */
export function MarkdownPreview({ api, markdown }: { api: Pick<KbApi, 'preview'>; markdown: string }) {
  const { t } = useKbI18n();
  const headingId = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => {
    if (!markdown.trim()) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.preview(markdown).then(
        (p) => current && setState({ kind: 'ready', html: p.html }),
        (e: Error) => current && setState({ kind: 'failed', message: e.message }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, markdown]);

  return (
    <section class="kb-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('form.preview')}</h3>
      {state.kind === 'idle' && <p class="muted">{t('form.previewEmpty')}</p>}
      {state.kind === 'failed' && <p class="form-error">{t('form.previewFailed', { message: state.message })}</p>}
      {/* Sanitised server-side by server/bot/render.ts, the renderer the bot answers visitors with. */}
      {state.kind === 'ready' && <div class="article" dangerouslySetInnerHTML={{ __html: state.html }} />}
    </section>
  );
}
