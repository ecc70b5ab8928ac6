import type { ComponentChildren } from 'preact';
import { useOpsI18n } from '../../i18n/ops';
import type { Resource } from '../model/resource';

interface Props<T> {
  id: string;
  heading: string;
  resource: Resource<T>;
  retry: () => void;
  /** Download links and the like, beside the heading. */
  actions?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}

/** A dashboard panel: its heading, then a loading note, the error with a retry, or the content. */
export function Section<T>({ id, heading, resource, retry, actions, children }: Props<T>) {
  const { t } = useOpsI18n();
  return (
    <section class="panel" aria-labelledby={`${id}-h`} id={id} aria-busy={resource.status === 'loading'}>
      <div class="panel-head">
        <h2 id={`${id}-h`}>{heading}</h2>
        {actions && <div class="panel-actions">{actions}</div>}
      </div>
      {resource.status === 'loading' && <p class="muted">{t('ops.loading')}</p>}
      {resource.status === 'error' && (
        <p class="form-error" role="alert">
          {t('ops.loadFailed', { message: resource.message })}{' '}
          <button type="button" class="link" onClick={retry}>
            {t('ops.retry')}
          </button>
        </p>
      )}
      {resource.status === 'ready' && children(resource.data)}
    </section>
  );
}

/** A CSV download of one table, named for what it holds. */
export function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a class="csv" href={href} download>
      {label}
    </a>
  );
}
