import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AdminMe } from '../../admin/rest';
import type { ArticleStats, ArticleSummary, KbApi } from '../api';
import { useKbI18n } from '../i18n/index';
import type { Locale } from '../../i18n/translate';
import { ArticleEditor, type Target } from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { AdminHeader } from '../../admin/AdminHeader';

interface Props {
  api: KbApi;
  me: AdminMe;
  onLocale(l: Locale): void;
  onSignOut(): void;
}

type Load<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

/** `?article=<id>` opens an article and `?new` a blank one, so the ops page and bookmarks can link here. */
function targetOf(search: string): Target | null {
  const params = new URLSearchParams(search);
  const id = params.get('article');
  if (id) return { kind: 'edit', id };
  return params.has('new') ? { kind: 'new' } : null;
}

function remember(target: Target | null): void {
  const query = target?.kind === 'edit' ? `?article=${encodeURIComponent(target.id)}` : target ? '?new' : '';
  history.replaceState(null, '', `${location.pathname}${query}`);
}

const ZERO = (articleId: string): ArticleStats => ({ articleId, shown: 0, helped: 0, notHelped: 0, escalationsAfter: 0 });

/** The editor's page: the article list on one side, the open article on the other. */
export function KbPage({ api, me, onLocale, onSignOut }: Props) {
  const i18n = useKbI18n();
  const { t } = i18n;
  const [articles, setArticles] = useState<Load<ArticleSummary[]>>({ kind: 'loading' });
  const [stats, setStats] = useState<Load<Map<string, ArticleStats>>>({ kind: 'loading' });
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<Target | null>(() => targetOf(location.search));
  const [notice, setNotice] = useState<string | null>(null);
  // Each opening mounts a fresh editor; creating an article keeps the same one (and its "saved" message).
  const [opened, setOpened] = useState(0);
  const dirty = useRef(false);
  const setDirty = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  // Closing the tab with unsaved work asks first, as switching articles does.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, []);

  const reload = useCallback(() => {
    api.list().then(
      (value) => setArticles({ kind: 'ready', value }),
      (e: Error) => setArticles({ kind: 'failed', message: e.message }),
    );
    api.stats().then(
      (rows) => setStats({ kind: 'ready', value: new Map(rows.map((r) => [r.articleId, r])) }),
      (e: Error) => setStats({ kind: 'failed', message: e.message }),
    );
  }, [api]);
  useEffect(reload, [reload]);

  const open = (next: Target | null, force = false) => {
    if (!force && dirty.current && !confirm(t('form.unsaved'))) return;
    dirty.current = false;
    setTarget(next);
    setOpened((n) => n + 1);
    setNotice(null);
    remember(next);
  };
  const statsOf = (id: string) => (stats.kind === 'ready' ? (stats.value.get(id) ?? ZERO(id)) : stats.kind === 'failed' ? 'unavailable' : null);

  return (
    <div class="kb">
      <a class="skip" href="#kb-main">
        {t('kb.skip')}
      </a>
      <AdminHeader prefix="kb" i18n={i18n} class="kb-top" links={[{ href: '/agent/ops', label: t('kb.ops') }]} me={me} onLocale={onLocale} onSignOut={onSignOut} />
      <div class="kb-grid">
        <nav class="kb-side" aria-label={t('list.heading')}>
          <div class="kb-side-head">
            <h2>{t('list.heading')}</h2>
            <button type="button" class="primary" onClick={() => open({ kind: 'new' })}>
              {t('list.new')}
            </button>
          </div>
          {articles.kind === 'loading' && <p class="muted">{t('kb.loading')}</p>}
          {articles.kind === 'failed' && (
            <p class="form-error" role="alert">
              {t('kb.loadFailed', { message: articles.message })}{' '}
              <button type="button" onClick={reload}>
                {t('kb.retry')}
              </button>
            </p>
          )}
          {articles.kind === 'ready' && (
            <ArticleList
              articles={articles.value}
              stats={stats.kind === 'ready' ? stats.value : null}
              query={query}
              selected={target?.kind === 'edit' ? target.id : null}
              onQuery={setQuery}
              onSelect={(id) => open({ kind: 'edit', id })}
            />
          )}
        </nav>
        <main id="kb-main" class="kb-main" tabIndex={-1}>
          {notice && (
            <p class="saved" role="status">
              {notice}
            </p>
          )}
          {!target && !notice && <p class="muted kb-pick">{t('kb.pick')}</p>}
          {target && (
            <ArticleEditor
              key={opened}
              api={api}
              target={target}
              stats={target.kind === 'edit' ? statsOf(target.id) : null}
              onSaved={(source, created) => {
                if (created) {
                  setTarget({ kind: 'edit', id: source.id });
                  remember({ kind: 'edit', id: source.id });
                }
                reload();
              }}
              onDirty={setDirty}
              onDeleted={(_id, title) => {
                open(null, true);
                setNotice(t('delete.done', { title }));
                reload();
              }}
            />
          )}
        </main>
      </div>
    </div>
  );
}
