import { useState } from 'preact/hooks';
import type { SettingsApi } from '../client';
import { useSettingsI18n } from '../../i18n/settings';
import { generatePassword } from '../lib/password';
import { useSubmit } from '../lib/useSubmit';
import { CopyButton } from './CopyButton';
import { FeedbackLine } from './Panel';

/**
 * Adds an account with a first password the admin hands over (the server sends no email); it
 * stays on screen after adding so it can be copied, and the agent can be given a new one later.
 */
export function AddAgentForm({ api, onAdded }: { api: SettingsApi; onAdded(): void }) {
  const { t } = useSettingsI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'agent' | 'admin'>('agent');
  const [password, setPassword] = useState(() => generatePassword());
  const [given, setGiven] = useState<{ email: string; password: string } | null>(null);
  const { pending, feedback, run } = useSubmit();

  const submit = async (e: Event) => {
    e.preventDefault();
    const added = await run(() => api.addAgent({ name: name.trim(), email: email.trim(), role, password }), (a) => t('agents.added', { name: a.name }), (m) => t('settings.notSaved', { message: m }));
    if (!added) return;
    setGiven({ email: added.email, password });
    setName('');
    setEmail('');
    setPassword(generatePassword());
    onAdded();
  };

  return (
    <section class="panel" aria-labelledby="agent-new-h">
      <h3 id="agent-new-h">{t('agents.add')}</h3>
      <form class="editor" onSubmit={(e) => void submit(e)}>
        <label>
          {t('agents.name')}
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={120} autoComplete="off" />
        </label>
        <label>
          {t('agents.email')}
          <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required maxLength={254} autoComplete="off" />
        </label>
        <label>
          {t('agents.role')}
          <select value={role} onChange={(e) => setRole(e.currentTarget.value === 'admin' ? 'admin' : 'agent')}>
            <option value="agent">{t('agents.role.agent')}</option>
            <option value="admin">{t('agents.role.admin')}</option>
          </select>
        </label>
        <label>
          {t('agents.firstPassword')}
          <input type="text" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required minLength={8} autoComplete="new-password" aria-describedby="first-password-help" />
        </label>
        <p class="muted" id="first-password-help">
          {t('agents.firstPasswordHelp')}{' '}
          <button type="button" class="link" onClick={() => setPassword(generatePassword())}>
            {t('agents.generate')}
          </button>
        </p>
        <div>
          <button type="submit" class="primary" disabled={pending || password.length < 8}>
            {t('agents.addButton')}
          </button>
        </div>
        <FeedbackLine feedback={feedback} />
        {given && (
          <p>
            {t('agents.handOver', { email: given.email })} <code>{given.password}</code> <CopyButton text={given.password} label={t('agents.firstPassword')} />
          </p>
        )}
      </form>
    </section>
  );
}
