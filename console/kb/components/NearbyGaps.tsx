import { useEffect, useId, useState } from 'preact/hooks';
import type { AnsweredGap, Gap, KbApi } from '../api';
import { useKbI18n } from '../i18n/index';

interface Props {
  api: Pick<KbApi, 'gaps' | 'addQuestions'>;
  articleId: string;
  /** The questions the server added to the article, to show in the form at once. */
  onAdded(questions: string[]): void;
}

/** What a resolution records: every question the group showed, so the server drops the whole group. */
export const answeredBy = (g: Gap): AnsweredGap => ({ id: g.id, questions: [...new Set([...g.examples, ...g.draft.questions])] });

/**
 * Unanswered visitor questions for which the bot ranked this article first: one click adds a
 * group's questions to the article ("this is answered by this article") and resolves the gap.
 */
export function NearbyGaps({ api, articleId, onAdded }: Props) {
  const { t } = useKbI18n();
  const headingId = useId();
  const [gaps, setGaps] = useState<Gap[] | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let current = true;
    // Optional extra: if the numbers cannot load, the editor works without them.
    api.gaps().then(
      (all) => current && setGaps(all.filter((g) => g.nearestArticles.some((n) => n.articleId === articleId))),
      () => current && setGaps([]),
    );
    return () => {
      current = false;
    };
  }, [api, articleId]);

  const add = async (g: Gap) => {
    setPending(g.id);
    try {
      const gap = answeredBy(g);
      const r = await api.addQuestions(articleId, gap.questions, gap);
      setGaps((list) => (list ?? []).filter((x) => x.id !== g.id));
      onAdded(r.added);
      setMessage({ ok: true, text: t('gaps.added', { count: r.added.length }) });
    } catch (e) {
      setMessage({ ok: false, text: t('form.failed', { message: (e as Error).message }) });
    } finally {
      setPending(null);
    }
  };

  if (!gaps || (gaps.length === 0 && !message)) return null;
  return (
    <section class="kb-gaps" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('gaps.heading')}</h3>
      <p class={message?.ok === false ? 'form-error' : 'saved'} role="status">
        {message?.text}
      </p>
      <ul>
        {gaps.map((g) => (
          <li key={g.id}>
            <span>{t('gaps.asked', { count: g.count })}</span> <q>{g.examples.slice(0, 3).join('” · “')}</q>{' '}
            <button type="button" onClick={() => void add(g)} disabled={pending !== null}>
              {t('gaps.add', { count: answeredBy(g).questions.length })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
