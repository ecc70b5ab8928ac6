import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  error?: string;
  help?: string;
  /** The control, given the ids it must point `aria-describedby` at and whether it is invalid. */
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ComponentChildren;
}

/** A labelled control with its help text and, when there is one, its error right below it. */
export function FieldRow({ id, label, error, help, children }: Props) {
  const described = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {help && (
        <small class="muted help" id={`${id}-help`}>
          {help}
        </small>
      )}
    </div>
  );
}
