import type { Headline, Summary, Windows } from '../api';
import { useOpsI18n, type OpsTranslate } from '../../i18n/ops';
import { deltaOf, type Delta } from '../lib/delta';
import type { Formats } from '../lib/format';

const ARROW = { up: '▲', down: '▼', flat: '▬' } as const;

/** The visible change ("▲ 12% better") and the sentence a screen reader hears instead. */
export function describeDelta(d: Delta, t: OpsTranslate, decimal: (n: number) => string): { text: string; sr: string } {
  if (d.kind === 'none') return { text: t('delta.none'), sr: t('delta.none') };
  const verdict = t(`delta.${d.verdict}`);
  if (d.kind === 'new') return { text: `${ARROW.up} ${t('delta.new')} · ${verdict}`, sr: `${t('delta.srNew')}, ${verdict}.` };
  if (d.direction === 'flat') return { text: `${ARROW.flat} ${t('delta.flat')}`, sr: `${t('delta.srFlat')}.` };
  const amount = t(d.kind === 'points' ? 'delta.points' : 'delta.percent', { amount: decimal(d.amount) });
  const sign = d.direction === 'up' ? '+' : '−';
  return {
    text: `${ARROW[d.direction]} ${sign}${amount} · ${verdict}`,
    sr: t('delta.sr', { direction: t(d.direction === 'up' ? 'delta.srUp' : 'delta.srDown'), amount, verdict }),
  };
}

/** What a card counts and when a conversation starts to count, in one line. */
function countsLine(h: Headline, w: Windows, t: OpsTranslate): string {
  return t(`counts.${h.key}`, { minutes: w.inactivityMinutes, days: h.key === 'fcrRate' ? w.fcrDays : w.durableDays });
}

function Card({ h, f, t, w, inProgress }: { h: Headline; f: Formats; t: OpsTranslate; w: Windows; inProgress: number }) {
  const d = deltaOf(h);
  const { text, sr } = describeDelta(d, t, (n) => f.decimal(n));
  const verdict = d.kind === 'none' ? 'none' : d.verdict;
  return (
    <li class="card">
      <h3 class="card-label">{t(`headline.${h.key}`)}</h3>
      <p class="card-value">{f.value(h.unit, h.current)}</p>
      <p class="card-counts">{countsLine(h, w, t)}</p>
      {h.key === 'botResolutionRate' && <p class="card-progress">{t('headline.inProgress', { count: f.count(inProgress) })}</p>}
      <p class={`delta ${verdict}`}>
        <span aria-hidden="true">{text}</span>
        <span class="sr-only">{sr}</span>
      </p>
      <p class="card-previous">{t('headline.previous', { value: f.value(h.unit, h.previous) })}</p>
    </li>
  );
}

/** The headline figures, each with its change against the previous period. */
export function HeadlineCards({ headlines, windows, current, formats }: { headlines: Headline[]; windows: Windows; current: Summary; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <ul class="cards">
      {headlines.map((h) => (
        <Card key={h.key} h={h} f={formats} t={t} w={windows} inProgress={current.inProgress} />
      ))}
    </ul>
  );
}
