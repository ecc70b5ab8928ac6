import { useEffect, useRef, useState } from 'preact/hooks';
import type { HistoryItem } from '../../shared/history';
import type { ConversationStatus } from '../../shared/protocol/index';
import type { AgentListEntry } from '../api/schemas';
import { useI18n } from '../i18n/index';

const STATUSES: ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved', 'offline'];
const EMPTY = { q: '', status: '', agent: '', site: '', tag: '', from: '', to: '' };
type Filters = typeof EMPTY;

interface Props {
  loadPage(filters: Filters, cursor: string | null): Promise<{ items: HistoryItem[]; nextCursor: string | null }>;
  loadAgents(): Promise<AgentListEntry[]>;
  onOpen(conversationId: string): void;
}

type Result = { kind: 'idle' | 'loading' } | { kind: 'failed' } | { kind: 'shown'; items: HistoryItem[]; nextCursor: string | null; more: boolean };

/** Every conversation the agent may read, filtered and searched; opening one shows it in the workspace. */
export function HistoryScreen({ loadPage, loadAgents, onOpen }: Props) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [agents, setAgents] = useState<AgentListEntry[]>([]);
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const applied = useRef<Filters>(EMPTY);
  const heading = useRef<HTMLHeadingElement>(null);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  const search = async (f: Filters, cursor: string | null) => {
    const before = result.kind === 'shown' && cursor ? result.items : [];
    setResult(cursor && result.kind === 'shown' ? { ...result, more: true } : { kind: 'loading' });
    try {
      const page = await loadPage(f, cursor);
      applied.current = f;
      setResult({ kind: 'shown', items: [...before, ...page.items], nextCursor: page.nextCursor, more: false });
    } catch {
      setResult({ kind: 'failed' });
    }
  };

  useEffect(() => {
    heading.current?.focus();
    loadAgents().then(setAgents, () => setAgents([]));
    void search(EMPTY, null);
  }, []);

  const field = (name: keyof Filters) => ({
    id: `history-${name}`,
    name,
    value: filters[name],
    onInput: (e: Event) => setFilters({ ...filters, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  return (
    <main id="main" class="main history" tabIndex={-1} aria-labelledby="history-heading">
      <h2 id="history-heading" tabIndex={-1} ref={heading}>
        {t('history.heading')}
      </h2>
      <form
        class="history-filters"
        role="search"
        aria-label={t('history.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void search(filters, null);
        }}
      >
        <label for="history-q">{t('history.search')}</label>
        <input type="search" {...field('q')} maxLength={200} placeholder={t('history.searchHint')} />
        <label for="history-status">{t('history.status')}</label>
        <select {...field('status')}>
          <option value="">{t('history.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`history.status.${s}`)}
            </option>
          ))}
        </select>
        <label for="history-agent">{t('history.agent')}</label>
        <select {...field('agent')}>
          <option value="">{t('history.any')}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label for="history-site">{t('history.site')}</label>
        <input type="text" {...field('site')} maxLength={100} />
        <label for="history-tag">{t('history.tag')}</label>
        <input type="text" {...field('tag')} maxLength={32} />
        <label for="history-from">{t('history.from')}</label>
        <input type="date" {...field('from')} />
        <label for="history-to">{t('history.to')}</label>
        <input type="date" {...field('to')} />
        <div class="history-actions">
          <button type="submit">{t('history.submit')}</button>
          <button
            type="button"
            class="link"
            onClick={() => {
              setFilters(EMPTY);
              void search(EMPTY, null);
            }}
          >
            {t('history.reset')}
          </button>
        </div>
      </form>
      <p class="sr-only" role="status">
        {result.kind === 'loading' ? t('app.loading') : result.kind === 'shown' ? t('history.count', { count: result.items.length }) : ''}
      </p>
      {result.kind === 'failed' && <p class="error">{t('history.failed')}</p>}
      {result.kind === 'shown' && result.items.length === 0 && <p class="empty">{t('history.none')}</p>}
      {result.kind === 'shown' && result.items.length > 0 && (
        <ul class="history-list" aria-labelledby="history-heading">
          {result.items.map((c) => (
            <li key={c.id} class="item">
              <button type="button" class="item-main" onClick={() => onOpen(c.id)}>
                <span class="item-top">
                  <span class="item-name">{c.visitorName ?? c.visitorEmail ?? t('visitor.anonymous')}</span>
                  <span class="history-status">{t(`history.status.${c.status}`)}</span>
                </span>
                <span class="history-meta">
                  {date.format(c.createdAt)} · {c.siteName}
                  {c.agentName && ` · ${c.agentName}`}
                  {c.tags.length > 0 && ` · ${c.tags.map((tag) => `#${tag}`).join(' ')}`}
                </span>
                {(c.match ?? c.lastMessage) && <span class="last">{c.match ?? c.lastMessage}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {result.kind === 'shown' && result.nextCursor && (
        <button type="button" class="history-more" disabled={result.more} onClick={() => void search(applied.current, result.nextCursor)}>
          {result.more ? t('app.loading') : t('history.more')}
        </button>
      )}
    </main>
  );
}
