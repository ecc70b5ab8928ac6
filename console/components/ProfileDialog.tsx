import { useState } from 'preact/hooks';
import type { AgentProfile } from '../../shared/protocol/index';
import { ApiError } from '../api/http';
import { useT } from '../i18n/index';
import { Dialog } from './Dialog';

interface Props {
  me: AgentProfile;
  save(patch: { name: string; avatarUrl: string | null }): Promise<AgentProfile>;
  onClose(): void;
}

/** The agent's own name and picture, as visitors see them beside replies. The server checks both (https only). */
export function ProfileDialog({ me, save, onClose }: Props) {
  const t = useT();
  const [name, setName] = useState(me.name);
  const [avatar, setAvatar] = useState(me.avatarUrl ?? '');
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setPending(true);
    try {
      await save({ name: name.trim(), avatarUrl: avatar.trim() || null });
      setFeedback({ ok: true, text: t('profile.saved') });
    } catch (err) {
      const invalid = err instanceof ApiError && err.code === 'bad_request';
      setFeedback({ ok: false, text: t('profile.failed', { message: invalid ? t('profile.invalid') : t('error.generic') }) });
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog labelledBy="profile-h" onClose={onClose}>
      <h2 id="profile-h">{t('profile.heading')}</h2>
      <p>{t('profile.intro')}</p>
      <form class="editor" onSubmit={(e) => void submit(e)}>
        <label>
          {t('profile.name')}
          <input value={name} required maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('profile.avatar')}
          <input type="url" value={avatar} maxLength={500} placeholder="https://" onInput={(e) => setAvatar(e.currentTarget.value)} />
        </label>
        {feedback && (
          <p class={feedback.ok ? 'form-ok' : 'form-error'} role={feedback.ok ? 'status' : 'alert'}>
            {feedback.text}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={pending || !name.trim()}>
            {t('profile.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('profile.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
