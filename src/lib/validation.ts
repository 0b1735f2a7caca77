/** valibot glue: localized messages from the catalog and field errors in one shape for forms and the API. */
import * as v from 'valibot';
import type { MessageKey } from '../i18n/catalog';
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from './i18n';
import { fail, ok, type FieldErrors, type Result } from './result';
import { isSingleLine } from './single-line';

export { isSingleLine };

/** A valibot message that is looked up in the catalog in the request's language, with the limit filled in. */
export function message(key: MessageKey) {
  return (issue: v.BaseIssue<unknown>) => {
    const locale = isLocale(issue.lang) ? issue.lang : DEFAULT_LOCALE;
    const requirement = (issue as { requirement?: unknown }).requirement;
    return translate(locale, key, {
      max: typeof requirement === 'number' ? requirement : '',
      min: typeof requirement === 'number' ? requirement : '',
      received: issue.received,
    });
  };
}

export function validate<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  locale: Locale,
): Result<v.InferOutput<TSchema>, 'invalid_input'> {
  const result = v.safeParse(schema, input, { lang: locale, abortPipeEarly: true });
  if (result.success) return ok(result.output);
  return fail('invalid_input', fieldErrors(result.issues));
}

export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path?.map((item) => String(item.key)).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Form fields arrive as strings; an empty field means "not given". */
export const trimmed = () => v.pipe(v.string(), v.trim());

/** The check alone, for pipes that normalize their own way (stakeholders trim only spaces). */
export const singleLineCheck = () => v.check((value: string) => isSingleLine(value), message('validation.singleLine'));

/**
 * One line of text (no CR, LF, NUL or other controls, no bidi overrides: see lib/single-line), trimmed, at most `max`
 * characters; an empty value passes (add `v.nonEmpty` for required ones). For names, organizations, titles, venues, tags.
 */
export const singleLine = (max: number) =>
  v.pipe(v.string(), v.trim(), singleLineCheck(), v.maxLength(max, message('validation.tooLong')));
