import type { AgentRow } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';

/** Per agent: chats held, resolved, handle time and satisfaction. */
export function AgentsTable({ rows, formats: f }: { rows: AgentRow[]; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <div class="scroll">
      <table class="data">
        <caption>{t('agents.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agents.name')}</th>
            <th scope="col" class="num">{t('agents.chats')}</th>
            <th scope="col" class="num">{t('agents.resolved')}</th>
            <th scope="col" class="num">{t('agents.handleAvg')}</th>
            <th scope="col" class="num">{t('agents.handleP50')}</th>
            <th scope="col" class="num">{t('agents.csat')}</th>
            <th scope="col" class="num">{t('agents.csatResponses')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} class="muted">{t('agents.empty')}</td>
            </tr>
          )}
          {rows.map((a) => (
            <tr key={a.agentId}>
              <th scope="row">{a.name ?? t('agents.unknown')}</th>
              <td class="num">{f.count(a.chats)}</td>
              <td class="num">{f.count(a.resolved)}</td>
              <td class="num">{f.duration(a.handleTimeAvg)}</td>
              <td class="num">{f.duration(a.handleTimeP50)}</td>
              <td class="num">{f.rating(a.csatAverage)}</td>
              <td class="num">{f.count(a.csatResponses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
