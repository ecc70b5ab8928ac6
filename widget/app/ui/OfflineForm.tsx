import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import { useI18n } from './i18n-context';

export interface OfflineFormProps {
  /** Prefill: what the visitor already typed in the chat, so they need not repeat it. */
  initialText: string;
  initialEmail: string;
  initialName: string;
  sending: boolean;
  sent: boolean;
  /** The server sends email; without it the form must not promise a reply by email. */
  emailReplies: boolean;
  onSubmit(input: { email: string; name: string; text: string }): void;
}

/** Deliberately simple: one @ with text either side and a dot in the domain; the server validates strictly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** No agent is available: an honest notice and a form that becomes a ticket. */
export function OfflineForm({ initialText, initialEmail, initialName, sending, sent, emailReplies, onSubmit }: OfflineFormProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState(initialEmail);
  const [name, setName] = useState(initialName);
  const [text, setText] = useState(initialText);
  const [errors, setErrors] = useState<{ email?: string; text?: string }>({});

  if (sent) {
    return (
      <section class="form-panel" aria-labelledby="offline-title">
        <h2 id="offline-title" class="form-title">
          {t.offlineTitle}
        </h2>
        <p role="status">{emailReplies ? t.ticketThanks : t.ticketThanksNoEmail}</p>
      </section>
    );
  }

  return (
    <form
      class="form-panel"
      aria-labelledby="offline-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const next = {
          email: EMAIL.test(email.trim()) ? undefined : t.invalidEmail,
          text: text.trim() ? undefined : t.required,
        };
        setErrors(next);
        if (!next.email && !next.text) onSubmit({ email, name, text });
      }}
    >
      <h2 id="offline-title" class="form-title">
        {t.offlineTitle}
      </h2>
      <p>{emailReplies ? t.offlineIntro : t.offlineIntroNoEmail}</p>
      <label for="offline-email">{t.email}</label>
      <input
        id="offline-email"
        data-autofocus
        type="email"
        autocomplete="email"
        required
        maxLength={LIMITS.emailChars}
        value={email}
        aria-invalid={Boolean(errors.email)}
        aria-describedby={errors.email ? 'offline-email-error' : undefined}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      {errors.email && (
        <p id="offline-email-error" class="field-error">
          {errors.email}
        </p>
      )}
      <label for="offline-name">
        {t.name} <span class="muted">{t.optional}</span>
      </label>
      <input id="offline-name" autocomplete="name" maxLength={LIMITS.nameChars} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="offline-text">{t.message}</label>
      <textarea
        id="offline-text"
        rows={4}
        required
        maxLength={LIMITS.messageText}
        value={text}
        aria-invalid={Boolean(errors.text)}
        aria-describedby={errors.text ? 'offline-text-error' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {errors.text && (
        <p id="offline-text-error" class="field-error">
          {errors.text}
        </p>
      )}
      <button type="submit" class="primary" disabled={sending}>
        {sending ? t.sending : t.sendMessage}
      </button>
    </form>
  );
}
