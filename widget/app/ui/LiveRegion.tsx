import { useEffect, useRef, useState } from 'preact/hooks';
import type { TimelineEntry } from '../model/timeline';
import { describeMessage, format } from '../i18n/translate';
import { useI18n } from './i18n-context';

/**
 * Announces new messages from others through a polite live region. Only messages that arrive
 * while the panel is mounted are spoken, never the transcript restored from storage.
 */
export function LiveRegion({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useI18n();
  const seen = useRef<Set<string> | null>(null);
  const [text, setText] = useState('');

  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(entries.map((e) => e.id));
      return;
    }
    const fresh = entries.filter((e) => !seen.current?.has(e.id));
    for (const e of fresh) seen.current.add(e.id);
    const spoken = fresh.filter((e) => e.message.author !== 'visitor');
    if (spoken.length === 0) return;
    setText(
      spoken
        .map((e) => {
          const m = e.message;
          const who = m.author === 'bot' ? t.bot : m.author === 'agent' ? (m.authorName ?? t.agent) : '';
          const body = m.bot?.type === 'answer' ? m.bot.article.title : describeMessage(m, t);
          return who ? format(t.newMessage, { name: who, text: body }) : body;
        })
        .join(' '),
    );
  }, [entries, t]);

  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
