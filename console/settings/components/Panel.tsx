import type { ComponentChildren } from 'preact';
import { useSettingsI18n } from '../../i18n/settings';
import type { Resource } from '../../ops/model/resource';

interface Props<T> {
  id: string;
  heading: string;
  resource: Resource<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
}

/** A settings panel: its heading, then a loading note, the error with a retry, or the content. */
export function Panel<T>({ id, heading, resource, retry, children }: Props<T>) {
  const { t } = useSettingsI18n();
  return (
    <section class="panel" aria-labelledby={`${id}-h`} id={id} aria-busy={resource.status === 'loading'}>
      <div class="panel-head">
        <h3 id={`${id}-h`}>{heading}</h3>
      </div>
      {resource.status === 'loading' && <p class="muted">{t('settings.loading')}</p>}
      {resource.status === 'error' && (
        <p class="form-error" role="alert">
          {t('settings.loadFailed', { message: resource.message })}{' '}
          <button type="button" class="link" onClick={retry}>
            {t('settings.retry')}
          </button>
        </p>
      )}
      {resource.status === 'ready' && children(resource.data)}
    </section>
  );
}

export type Feedback = { ok: boolean; text: string } | null;

/** The outcome of the last action of a form: a polite status when it worked, an alert when not. */
export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <p class={feedback.ok ? 'saved' : 'form-error'} role={feedback.ok ? 'status' : 'alert'}>
      {feedback.text}
    </p>
  );
}
