import { useEffect, useRef, useState } from 'preact/hooks';
import { useT, type MessageKey } from '../i18n/index';
import { ApiError } from '../api/http';
import type { AgentProfile } from '../../shared/protocol/index';

interface Props {
  login(email: string, password: string): Promise<AgentProfile>;
  onSignedIn(agent: AgentProfile): void;
  /** Why the agent is here again: session expired or signed out. */
  notice: MessageKey | null;
}

export function SignIn({ login, onSignedIn, notice }: Props) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(email.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'signin.invalid' : err instanceof ApiError && err.status === 429 ? 'signin.throttled' : 'signin.failed');
      setBusy(false);
    }
  }

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} aria-describedby={notice ? 'signin-notice' : undefined}>
        <h1>{t('signin.heading')}</h1>
        {notice && (
          <p id="signin-notice" class="signin-notice" role="status">
            {t(notice)}
          </p>
        )}
        <label>
          {t('signin.email')}
          <input ref={emailRef} type="email" name="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label>
          {t('signin.password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {t(error)}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
    </main>
  );
}
