/** Form fields rendered the same way everywhere: label, hint, value, error (linked for screen readers). */
import type { Translator } from '../lib/i18n';
import type { FieldErrors } from '../lib/result';

type BaseFieldProps = {
  name: string;
  label: string;
  hint?: string;
  /** The id of a hint shown once for many fields (the limit of every comment on a long draft): referenced, not repeated. */
  hintId?: string;
  error?: string;
  required?: boolean;
  /** Optional fields say so, rather than marking every required one. */
  optionalLabel?: string;
};

function describedBy(name: string, hint?: string, error?: string, hintId?: string): string | undefined {
  const ids = [hintId ?? (hint ? `${name}-hint` : null), error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldChrome({ name, label, hint, hintId, error, optionalLabel, children }: BaseFieldProps & { children: unknown }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>
        {label}
        {optionalLabel ? <span class="field__optional"> {optionalLabel}</span> : null}
      </label>
      {hint && !hintId ? (
        <p class="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField(
  props: BaseFieldProps & { value?: string | null; type?: 'text' | 'email' | 'tel' | 'search' | 'datetime-local' | 'number'; maxLength?: number; autocomplete?: string; inputmode?: string },
) {
  const { name, hint, error, required, value, type = 'text', maxLength, autocomplete } = props;
  return (
    <FieldChrome {...props}>
      <input
        id={name}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        maxlength={maxLength}
        autocomplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldChrome>
  );
}

export function TextArea(props: BaseFieldProps & { value?: string | null; maxLength?: number; rows?: number }) {
  const { name, hint, hintId, error, required, value, maxLength, rows = 4 } = props;
  return (
    <FieldChrome {...props}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        required={required}
        maxlength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error, hintId)}
      >
        {value ?? ''}
      </textarea>
    </FieldChrome>
  );
}

export function SelectField(
  props: BaseFieldProps & { value?: string | null; options: { value: string; label: string }[]; emptyLabel?: string },
) {
  const { name, hint, error, required, value, options, emptyLabel } = props;
  return (
    <FieldChrome {...props}>
      <select id={name} name={name} required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint, error)}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldChrome>
  );
}

export function CheckboxField({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="field field--checkbox">
      <input id={name} name={name} type="checkbox" value="1" checked={checked} aria-describedby={hint ? `${name}-hint` : undefined} />
      <label for={name}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The summary at the top of a form that failed validation, linking to each field. */
export function ErrorSummary({ t, errors, labels }: { t: Translator; errors?: FieldErrors; labels?: Record<string, string> }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{t('common.fixErrors')}</p>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{labels?.[field] ? t('common.labelled', { label: labels[field], text: message }) : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: unknown; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <div class={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}
