import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import { useI18n } from './i18n-context';

export interface TranscriptActionProps {
  /** The address the visitor already gave; without one they type it. */
  knownEmail: string | null;
  sending: boolean;
  onSend(email: string | null): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "Email me this transcript": shown only when the server sends email. */
export function TranscriptAction({ knownEmail, sending, onSend }: TranscriptActionProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [requested, setRequested] = useState(false);
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);

  if (requested && !sending) return <p class="transcript-done" role="status">{t.transcriptSent}</p>;
  if (asking && !knownEmail) {
    return (
      <form
        class="transcript-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const ok = EMAIL.test(email.trim());
          setInvalid(!ok);
          if (!ok) return;
          setRequested(true);
          onSend(email.trim());
        }}
      >
        <label for="transcript-email">{t.transcriptEmailLabel}</label>
        <input
          id="transcript-email"
          type="email"
          autocomplete="email"
          maxLength={LIMITS.emailChars}
          value={email}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'transcript-email-error' : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        {invalid && (
          <p id="transcript-email-error" class="field-error">
            {t.invalidEmail}
          </p>
        )}
        <button type="submit" class="secondary" disabled={sending}>
          {sending ? t.sending : t.sendTranscript}
        </button>
      </form>
    );
  }
  return (
    <button
      type="button"
      class="link-button transcript-button"
      disabled={sending}
      onClick={() => {
        if (!knownEmail) return setAsking(true);
        setRequested(true);
        onSend(null);
      }}
    >
      {sending ? t.sending : t.emailTranscript}
    </button>
  );
}
