import { useState } from 'preact/hooks';
import type { AdminMe } from '../../admin/rest';
import type { AdminAgent } from '../api';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { useResource } from '../../ops/model/resource';
import { useSubmit } from '../lib/useSubmit';
import { AddAgentForm } from './AddAgentForm';
import { FeedbackLine, Panel } from './Panel';

/** The team: each agent's role, capacity and status, resetting a password, and adding someone. */
export function AgentsScreen({ api, me }: { api: SettingsApi; me: AdminMe }) {
  const { t } = useSettingsI18n();
  const [agents, reload] = useResource(() => api.agents(), 'agents');
  return (
    <>
      <Panel id="agent-list" heading={t('agents.heading')} resource={agents} retry={reload}>
        {(rows) => (
          <div class="scroll">
            <table class="data">
              <caption class="sr-only">{t('agents.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agents.name')}</th>
                  <th scope="col">{t('agents.role')}</th>
                  <th scope="col">{t('agents.capacity')}</th>
                  <th scope="col">{t('agents.status')}</th>
                  <th scope="col">{t('agents.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <AgentRow key={a.id} api={api} agent={a} self={a.id === me.id} onChanged={reload} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <AddAgentForm api={api} onAdded={reload} />
    </>
  );
}

function AgentRow({ api, agent, self, onChanged }: { api: SettingsApi; agent: AdminAgent; self: boolean; onChanged(): void }) {
  const { t } = useSettingsI18n();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const { pending, feedback, run } = useSubmit();
  const fail = (m: string) => t('settings.notSaved', { message: m });
  const patch = async (body: Parameters<SettingsApi['updateAgent']>[1], done: string) => {
    const r = await run(() => api.updateAgent(agent.id, body), () => done, fail);
    if (r) onChanged();
    return r;
  };
  const capacityOk = /^\d+$/.test(capacity) && Number(capacity) >= 1 && Number(capacity) <= 50;
  const who = { name: agent.name };

  return (
    <tr>
      <th scope="row" class="text">
        {agent.name}
        <div class="muted">{agent.email}</div>
        <FeedbackLine feedback={feedback} />
      </th>
      <td>
        <select value={agent.role} disabled={pending || self} aria-label={t('agents.roleOf', who)} onChange={(e) => void patch({ role: e.currentTarget.value === 'admin' ? 'admin' : 'agent' }, t('settings.saved'))}>
          <option value="agent">{t('agents.role.agent')}</option>
          <option value="admin">{t('agents.role.admin')}</option>
        </select>
      </td>
      <td>
        <form
          class="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (capacityOk) void patch({ capacity: Number(capacity) }, t('settings.saved'));
          }}
        >
          <input type="number" min={1} max={50} value={capacity} onInput={(e) => setCapacity(e.currentTarget.value)} aria-label={t('agents.capacityOf', who)} aria-invalid={!capacityOk} class="narrow" />
          <button type="submit" disabled={pending || !capacityOk || Number(capacity) === agent.capacity}>
            {t('settings.save')}
          </button>
          {!capacityOk && <span class="form-error">{t('agents.capacityInvalid')}</span>}
        </form>
      </td>
      <td>{agent.disabled ? t('agents.disabled') : t('agents.active')}</td>
      <td class="row-actions">
        {!self && (
          <button type="button" disabled={pending} onClick={() => void patch({ disabled: !agent.disabled }, agent.disabled ? t('agents.enabledNow', who) : t('agents.disabledNow', who))}>
            {agent.disabled ? t('agents.enable') : t('agents.disable')}
          </button>
        )}
        {resetting ? (
          <form
            class="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await patch({ password }, t('agents.passwordSet', who))) setResetting(false);
            }}
          >
            <input type="text" value={password} onInput={(e) => setPassword(e.currentTarget.value)} minLength={8} required aria-label={t('agents.newPasswordFor', who)} autoComplete="new-password" />
            <button type="submit" disabled={pending || password.length < 8}>
              {t('agents.setPassword')}
            </button>
            <button type="button" onClick={() => setResetting(false)}>
              {t('settings.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setResetting(true)} aria-label={t('agents.resetFor', who)}>
            {t('agents.reset')}
          </button>
        )}
      </td>
    </tr>
  );
}
