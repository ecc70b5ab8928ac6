import { UNRESOLVED_REASONS, type Durability, type Summary, type Windows } from '../api';
import { useOpsI18n, type OpsKey } from '../../i18n/ops';
import type { Formats } from '../lib/format';

/**
 * How the period's chats ended, one outcome each, so the shares add up to 100 %: the bot's
 * confirmed and assumed resolutions, each reason a bot chat was not resolved, handovers, tickets
 * and chats still in progress; then whether resolutions held, for the bot and for agents.
 */
export function Resolution({ summary: s, windows: w, formats: f }: { summary: Summary; windows: Windows; formats: Formats }) {
  const { t } = useOpsI18n();
  const rows: Array<[OpsKey, number]> = [
    ['resolution.confirmed', s.botResolution.confirmed],
    ['resolution.assumed', s.botResolution.assumed],
    ...UNRESOLVED_REASONS.map((r): [OpsKey, number] => [`resolution.unresolved.${r}`, s.botResolution.unresolved[r]]),
    ['resolution.escalated', s.outcomes.escalated],
    ['resolution.ticket', s.outcomes.ticket],
    ['resolution.inProgress', s.outcomes.in_progress],
  ];
  const share = (n: number) => f.percent(s.started ? n / s.started : null);
  const durability = (who: OpsKey, d: Durability) => (
    <tr>
      <th scope="row">{t(who)}</th>
      <td class="num">{f.count(d.resolved)}</td>
      <td class="num">{f.count(d.reopened)}</td>
      <td class="num">{f.count(d.durable)}</td>
      <td class="num">{f.count(d.pending)}</td>
      <td class="num">{f.percent(d.reopenRate)}</td>
      <td class="num">{f.percent(d.durableRate)}</td>
    </tr>
  );
  return (
    <div class="charts">
      <div>
        <p class="muted">{t('resolution.intro', { minutes: w.inactivityMinutes })}</p>
        <table class="data">
          <caption>{t('resolution.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('resolution.outcome')}</th>
              <th scope="col" class="num">{t('outcomes.count')}</th>
              <th scope="col" class="num">{t('outcomes.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, n]) => (
              <tr key={key}>
                <th scope="row">{t(key)}</th>
                <td class="num">{f.count(n)}</td>
                <td class="num">{share(n)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('resolution.total')}</th>
              <td class="num">{f.count(s.started)}</td>
              <td class="num">{share(s.started)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {/* Focusable so a keyboard can scroll it when the table is wider than the panel. */}
      <div class="scroll" tabIndex={0} role="region" aria-label={t('resolution.durability', { days: s.durability.windowDays })}>
        <table class="data">
          <caption>{t('resolution.durability', { days: s.durability.windowDays })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('resolution.who')}</th>
              <th scope="col" class="num">{t('resolution.resolved')}</th>
              <th scope="col" class="num">{t('resolution.reopened')}</th>
              <th scope="col" class="num">{t('resolution.durable')}</th>
              <th scope="col" class="num">{t('resolution.pending', { days: s.durability.windowDays })}</th>
              <th scope="col" class="num">{t('resolution.reopenRate')}</th>
              <th scope="col" class="num">{t('resolution.durableRate')}</th>
            </tr>
          </thead>
          <tbody>
            {durability('resolution.bot', s.durability.bot)}
            {durability('resolution.agents', s.durability.agents)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
