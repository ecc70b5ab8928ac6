import type { AgentRow } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';
import { DataTable, num } from '../../components/DataTable';

/** Per agent: chats held, resolved, handle time and satisfaction. */
export function AgentsTable({ rows, formats: f }: { rows: AgentRow[]; formats: Formats }) {
  const { t } = useOpsI18n();
  return (
    <DataTable caption={t('agents.caption')} columns={[t('agents.name'), num(t('agents.chats')), num(t('agents.resolved')), num(t('agents.handleAvg')), num(t('agents.handleP50')), num(t('agents.csat')), num(t('agents.csatResponses'))]}>
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
    </DataTable>
  );
}
