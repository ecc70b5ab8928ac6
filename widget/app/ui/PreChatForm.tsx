import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import type { SiteSettings } from '../model/state';
import { useI18n } from './i18n-context';

export interface PreChatFormProps {
  /** Only the fields still unknown (identify() may have told us some already). */
  fields: SiteSettings['preChatFields'];
  onSubmit(values: { name?: string; email?: string }): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fields the site asks for before the first message. */
export function PreChatForm({ fields, onSubmit }: PreChatFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<{ name?: string; email?: string }>({});
  const [errors, setErrors] = useState<{ name?: string; email?: string }>({});

  return (
    <form
      class="form-panel"
      aria-label={t.preChatIntro}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const next: { name?: string; email?: string } = {};
        for (const f of fields) {
          const v = values[f.name]?.trim() ?? '';
          if (f.required && !v) next[f.name] = t.required;
          else if (f.name === 'email' && v && !EMAIL.test(v)) next.email = t.invalidEmail;
        }
        setErrors(next);
        if (Object.keys(next).length > 0) return;
        const out: { name?: string; email?: string } = {};
        for (const f of fields) {
          const v = values[f.name]?.trim();
          if (v) out[f.name] = v;
        }
        onSubmit(out);
      }}
    >
      <p>{t.preChatIntro}</p>
      {fields.map((f, i) => (
        <Fragment key={f.name}>
          <label for={`prechat-${f.name}`}>
            {f.name === 'email' ? t.email : t.name} {!f.required && <span class="muted">{t.optional}</span>}
          </label>
          <input
            id={`prechat-${f.name}`}
            data-autofocus={i === 0 ? true : undefined}
            type={f.name === 'email' ? 'email' : 'text'}
            autocomplete={f.name}
            required={f.required}
            maxLength={f.name === 'email' ? LIMITS.emailChars : LIMITS.nameChars}
            value={values[f.name] ?? ''}
            aria-invalid={Boolean(errors[f.name])}
            aria-describedby={errors[f.name] ? `prechat-${f.name}-error` : undefined}
            onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
          />
          {errors[f.name] && (
            <p id={`prechat-${f.name}-error`} class="field-error">
              {errors[f.name]}
            </p>
          )}
        </Fragment>
      ))}
      <button type="submit" class="primary">
        {t.startChat}
      </button>
    </form>
  );
}
