import { useState } from 'preact/hooks';
import type { AdminSite, PreChatField } from '../api';
import { useSettingsI18n } from '../../i18n/settings';
import { useSubmit } from '../lib/useSubmit';
import { FeedbackLine } from './Panel';
import type { SaveSite } from './SiteDetail';

type Ask = 'no' | 'optional' | 'required';
const FIELDS = ['name', 'email'] as const;

const askOf = (fields: PreChatField[], name: PreChatField['name']): Ask => {
  const f = fields.find((x) => x.name === name);
  return f ? (f.required ? 'required' : 'optional') : 'no';
};

/** What the widget asks before a chat, how chats reach agents, and whether visitors must be verified. */
export function ChatRulesForm({ site, save }: { site: AdminSite; save: SaveSite }) {
  const { t } = useSettingsI18n();
  const s = site.settings;
  const [ask, setAsk] = useState<Record<PreChatField['name'], Ask>>({ name: askOf(s.preChatFields, 'name'), email: askOf(s.preChatFields, 'email') });
  const [assignMode, setAssignMode] = useState(s.assignMode);
  const [requireVerification, setRequireVerification] = useState(s.requireVerification);
  const { pending, feedback, run } = useSubmit();

  const submit = (e: Event) => {
    e.preventDefault();
    const preChatFields = FIELDS.filter((f) => ask[f] !== 'no').map((name) => ({ name, required: ask[name] === 'required' }));
    void run(() => save({ settings: { preChatFields, assignMode, requireVerification } }), () => t('settings.saved'), (m) => t('settings.notSaved', { message: m }));
  };

  return (
    <section class="panel" aria-labelledby="rules-h">
      <h4 id="rules-h">{t('rules.heading')}</h4>
      <form class="editor" onSubmit={submit}>
        <fieldset>
          <legend>{t('rules.preChat')}</legend>
          <p class="muted">{t('rules.preChatHelp')}</p>
          {FIELDS.map((f) => (
            <label key={f}>
              {t(`rules.field.${f}`)}
              <select value={ask[f]} onChange={(e) => setAsk({ ...ask, [f]: e.currentTarget.value as Ask })}>
                <option value="no">{t('rules.ask.no')}</option>
                <option value="optional">{t('rules.ask.optional')}</option>
                <option value="required">{t('rules.ask.required')}</option>
              </select>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('rules.assign')}</legend>
          {(['pick', 'auto'] as const).map((m) => (
            <label key={m} class="check">
              <input type="radio" name="assign" checked={assignMode === m} onChange={() => setAssignMode(m)} /> {t(`rules.assign.${m}`)}
            </label>
          ))}
          <p class="muted">
            {t('rules.capacityHelp')} <a href="#agents">{t('nav.agents')}</a>
          </p>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={requireVerification} onChange={(e) => setRequireVerification(e.currentTarget.checked)} aria-describedby="verify-help" /> {t('rules.verify')}
        </label>
        <p class="muted" id="verify-help">
          {t('rules.verifyHelp')}
        </p>
        <div>
          <button type="submit" class="primary" disabled={pending}>
            {t('rules.save')}
          </button>
        </div>
        <FeedbackLine feedback={feedback} />
      </form>
    </section>
  );
}
