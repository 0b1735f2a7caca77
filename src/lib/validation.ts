/** valibot glue: localized messages from the catalog and field errors in one shape for forms and the API. */
import * as v from 'valibot';
import type { MessageKey } from '../i18n/catalog';
import { DEFAULT_LOCALE, isLocale, LOCALES, translate, type Locale } from './i18n';
import { fail, ok, type FieldErrors, type Result } from './result';
import { parseDateTime, type DateTimeFormat } from './time';
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

/** What a wrong type is called in a message: the valibot schema types a client can get wrong. */
const TYPE_NAMES: Record<string, MessageKey> = {
  string: 'validation.type.string',
  number: 'validation.type.number',
  boolean: 'validation.type.boolean',
  array: 'validation.type.array',
  object: 'validation.type.object',
  strict_object: 'validation.type.object',
  loose_object: 'validation.type.object',
};

function localeOf(issue: v.BaseIssue<unknown>): Locale {
  return isLocale(issue.lang) ? issue.lang : DEFAULT_LOCALE;
}

/** A missing key or a value of the wrong type (`"capacity": "many"`, `"opinions": {}`), in the request's language. */
function schemaMessage(issue: v.BaseIssue<unknown>): string {
  const locale = localeOf(issue);
  if (issue.input === undefined) return translate(locale, 'validation.required');
  const typeKey = TYPE_NAMES[issue.type];
  if (!typeKey) return translate(locale, 'validation.invalidChoice');
  return translate(locale, 'validation.wrongType', { type: translate(locale, typeKey) });
}

/** Checks declared without a message of their own: a length limit still names its limit and unit. */
function fallbackMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type !== 'max_length') return translate(localeOf(issue), 'validation.invalid');
  // A list counts items (项), text counts characters (字符).
  return message(Array.isArray(issue.input) ? 'validation.tooMany' : 'validation.tooLong')(issue);
}

// valibot's own English fallbacks ("Invalid type: Expected string but received 3") would reach users otherwise.
for (const lang of [...LOCALES, undefined]) {
  v.setSchemaMessage(schemaMessage, lang);
  v.setGlobalMessage(fallbackMessage, lang);
}

const digitsRe = /^\d+$/;

/** A whole number from a query parameter (`limit=50`): `abc`, `1.5` and values out of range get one message stating the range. */
export function queryInteger(min: number, max: number) {
  const outOfRange = (issue: v.BaseIssue<unknown>) => translate(localeOf(issue), 'validation.integerRange', { min, max });
  return v.pipe(v.string(outOfRange), v.regex(digitsRe, outOfRange), v.transform((value: string) => Number(value)), v.minValue(min, outOfRange), v.maxValue(max, outOfRange));
}

/**
 * One date-time input for every form and API schema: a string in one of `formats` that names a real moment
 * (no 30 February, 24:00 or year 0000), as a Date. `messageKey` says what was expected.
 */
export function dateTime(formats: readonly DateTimeFormat[], messageKey: MessageKey) {
  return v.pipe(
    v.string(message(messageKey)),
    v.trim(),
    v.nonEmpty(message('validation.required')),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const date = parseDateTime(dataset.value, formats);
      if (date) return date;
      addIssue({ message: message(messageKey) });
      return NEVER;
    }),
  );
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
