import type { Summary } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';

const REASONS = ['asked_for_human', 'low_confidence', 'repeated_failure', 'always_human_topic', 'negative_feedback', 'unknown'] as const;
const isKnown = (r: string): r is (typeof REASONS)[number] => (REASONS as readonly string[]).includes(r);

/** How the period's conversations ended, and why the escalated ones went to people. */
export function Outcomes({ summary: s, formats: f }: { summary: Summary; formats: Formats }) {
  const { t } = useOpsI18n();
  const reasons = Object.entries(s.escalationReasons).sort((a, b) => b[1] - a[1]);
  const total = reasons.reduce((n, [, c]) => n + c, 0);
  const label = (r: string) => (isKnown(r) ? t(`reason.${r}`) : r);
  const fcr = (x: { eligible: number; firstContact: number }) => f.percent(x.eligible ? x.firstContact / x.eligible : null);
  return (
    <div class="charts">
      <dl class="facts">
        <dt>{t('outcomes.botResolved')}</dt>
        <dd>{f.count(s.botResolved)}</dd>
        <dt>{t('outcomes.escalated')}</dt>
        <dd>{f.count(s.escalated)}</dd>
        <dt>{t('outcomes.tickets')}</dt>
        <dd>{f.count(s.tickets)}</dd>
        <dt>{t('outcomes.inProgress')}</dt>
        <dd>{f.count(s.inProgress)}</dd>
      </dl>
      <div>
        <table class="data">
          <caption>{t('outcomes.reasons')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outcomes.reason')}</th>
              <th scope="col" class="num">{t('outcomes.count')}</th>
              <th scope="col" class="num">{t('outcomes.share')}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.length === 0 && (
              <tr>
                <td colSpan={3} class="muted">{t('ops.noData')}</td>
              </tr>
            )}
            {reasons.map(([r, n]) => (
              <tr key={r}>
                <th scope="row">{label(r)}</th>
                <td class="num">{f.count(n)}</td>
                <td class="num">{f.percent(total ? n / total : null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">{t('outcomes.fcr', { human: fcr(s.fcr.human), bot: fcr(s.fcr.bot) })}</p>
      </div>
    </div>
  );
}
