/** Stakeholder input: limits, normalization and the valibot schema shared by forms, the JSON API and the import. */
import * as v from 'valibot';
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory } from '../../db/schema';
import type { MessageKey } from '../../i18n/catalog';
import { DEFAULT_LOCALE, isLocale, translate } from '../../lib/i18n';
import { isSingleLine, message, singleLineCheck } from '../../lib/validation';

export const NAME_MAX = 100;
export const ORGANIZATION_MAX = 200;
export const TITLE_MAX = 100;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
export const NOTES_MAX = 2000;
export const TAG_MAX = 40;
export const TAGS_MAX = 20;
export const PAGE_SIZE = 50;

/** Tags may be typed with commas, semicolons or the Chinese enumeration comma, full-width or not. */
const tagSeparatorRe = /[,，;；、\n]/;
/** Spaces only (ASCII and ideographic): a leading tab or CR is part of what was typed and is kept verbatim. */
const edgeSpacesRe = /^[ \u3000]+|[ \u3000]+$/g;
const phoneNoiseRe = /[\s\-().（）]/g;
const chinaPrefixRe = /^(?:\+86|0086)/;

export function trimSpaces(value: string): string {
  return value.replace(edgeSpacesRe, '');
}

export function splitTags(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? value.split(tagSeparatorRe) : value;
  return [...new Set(parts.map((tag) => trimSpaces(String(tag))).filter(Boolean))];
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

/** Digits as dialled inside China: spaces, dashes and brackets dropped, a +86/0086 prefix removed. */
export function normalizePhone(phone: string): string {
  return phone.replace(phoneNoiseRe, '').replace(chinaPrefixRe, '');
}

export type SearchableFields = { name: string; organization: string; title: string; email: string | null; phone: string; tags: readonly string[] };

export function buildSearchText(s: SearchableFields): string {
  return [s.name, s.organization, s.title, s.email ?? '', s.phone, normalizePhone(s.phone), ...s.tags]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** A message whose limit is not a valibot requirement (tag counts and lengths). */
export function limitMessage(key: MessageKey, max: number) {
  return (issue: v.BaseIssue<unknown>) => translate(isLocale(issue.lang) ? issue.lang : DEFAULT_LOCALE, key, { max });
}

const text = (max: number) =>
  v.pipe(v.optional(v.string(), ''), v.transform(trimSpaces), v.maxLength(max, message('validation.tooLong')));
const line = (max: number) =>
  v.pipe(v.optional(v.string(), ''), v.transform(trimSpaces), singleLineCheck(), v.maxLength(max, message('validation.tooLong')));

export const stakeholderInputSchema = v.object({
  name: v.pipe(
    v.optional(v.string(), ''),
    v.transform(trimSpaces),
    v.nonEmpty(message('validation.required')),
    singleLineCheck(),
    v.maxLength(NAME_MAX, message('validation.tooLong')),
  ),
  organization: line(ORGANIZATION_MAX),
  title: line(TITLE_MAX),
  category: v.picklist(STAKEHOLDER_CATEGORIES, message('validation.invalidChoice')),
  email: v.pipe(
    v.optional(v.nullable(v.string()), ''),
    v.transform((value) => (value ?? '').trim()),
    v.maxLength(EMAIL_MAX, message('validation.tooLong')),
    v.check((value) => value === '' || v.is(v.pipe(v.string(), v.email()), value), message('validation.email')),
    v.transform((value) => (value === '' ? null : value)),
  ),
  phone: line(PHONE_MAX),
  tags: v.pipe(
    v.optional(v.union([v.string(), v.array(v.string())]), ''),
    v.transform((value: string | string[]) => splitTags(value)),
    v.check((tags) => tags.length <= TAGS_MAX, limitMessage('stakeholders.tags.tooMany', TAGS_MAX)),
    v.check((tags) => tags.every(isSingleLine), message('validation.singleLine')),
    v.check((tags) => tags.every((tag) => tag.length <= TAG_MAX), limitMessage('stakeholders.tags.tooLong', TAG_MAX)),
  ),
  notes: text(NOTES_MAX),
  consent: v.optional(v.boolean(), true),
});

export type StakeholderInput = v.InferOutput<typeof stakeholderInputSchema>;
export type StakeholderField = keyof StakeholderInput;

/** Form posts: strings, a checkbox that is absent when unticked. */
export function inputFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  return {
    name: field('name'),
    organization: field('organization'),
    title: field('title'),
    category: field('category'),
    email: field('email'),
    phone: field('phone'),
    tags: field('tags'),
    notes: field('notes'),
    consent: form.consent === '1' || form.consent === 'on' || form.consent === 'true',
  };
}

export function isCategory(value: unknown): value is StakeholderCategory {
  return typeof value === 'string' && (STAKEHOLDER_CATEGORIES as readonly string[]).includes(value);
}

export const Q_MAX = 100;
/** `archived=1` lists the archived instead; scripts may also write true/false or 0. */
export const ARCHIVED_VALUES = ['0', '1', 'false', 'true'] as const;
const cursorRe = /^[0-9A-Z]{26}$/;

export type ListFilters = { q: string; category: StakeholderCategory | null; tag: string; archived: boolean; cursor: string | null };

/** The list's filters (empty parameters already left out): the API answers 400 naming any it cannot use. */
export const listQuerySchema = v.pipe(
  v.object({
    q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(Q_MAX, message('validation.tooLong'))), ''),
    category: v.optional(v.picklist(STAKEHOLDER_CATEGORIES, message('validation.invalidChoice'))),
    tag: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(TAG_MAX, message('validation.tooLong'))), ''),
    archived: v.optional(v.picklist(ARCHIVED_VALUES, message('validation.invalidChoice')), '0'),
    cursor: v.optional(v.pipe(v.string(), v.regex(cursorRe, message('validation.invalid')))),
  }),
  v.transform(
    (input): ListFilters => ({
      q: input.q,
      category: input.category ?? null,
      tag: input.tag,
      archived: input.archived === '1' || input.archived === 'true',
      cursor: input.cursor ?? null,
    }),
  ),
);

/** Pages are forgiving: a hand-edited parameter the list cannot use is dropped, the others still apply. */
export function listFiltersFrom(query: Record<string, string>): ListFilters {
  const parsed = v.safeParse(listQuerySchema, query);
  if (parsed.success) return parsed.output;
  const unusable = new Set(parsed.issues.map((issue) => String(issue.path?.[0]?.key)));
  return v.parse(listQuerySchema, Object.fromEntries(Object.entries(query).filter(([key]) => !unusable.has(key))));
}
