/**
 * Reading the feedback form. Each field carries a fingerprint of the value it was rendered with (`b_<name>`), so a
 * save writes only what this tab changed: two tabs editing different sections never overwrite each other.
 */
import * as v from 'valibot';
import type { Locale } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { STANCES } from '../../db/schema';
import { fieldErrors, message } from '../../lib/validation';
import { opinionText, overallText, publicationField, SECTION_FIELD_PREFIX, WHOLE_SLOT, type FeedbackChanges } from './schemas';

const stanceOrNone = v.picklist(['', ...STANCES], message('validation.invalidChoice'));

export const BASE_FIELD_PREFIX = 'b_';
/** `r_<name>`: the revision of a comment the page was rendered with; a stale one makes the save a conflict. */
export const REVISION_FIELD_PREFIX = 'r_';
/** `keep_<name>`: after a conflict, `saved` keeps the text saved elsewhere instead of the one posted. */
export const KEEP_FIELD_PREFIX = 'keep_';
/**
 * `b__blank=1`: every comment slot without a base and revision field of its own was rendered empty and never saved
 * (its base is the empty text's, its revision 0). A long draft's blank slots repeated those two fields a hundred times:
 * a quarter of the page.
 */
export const BLANK_SLOTS_FIELD = 'b__blank';

/** What the form shows: raw posted values on a re-render, so nothing typed is lost. */
export type FeedbackFormValues = {
  stance: string;
  publication: string;
  /** By slot. */
  texts: Record<string, string>;
  /** Fingerprints by field name, carried through a re-render unchanged. */
  bases: Record<string, string>;
  /** Comment revisions by field name (personal link only). */
  revisions?: Record<string, string>;
  /** Slots missing from `bases` and `revisions` were rendered blank (BLANK_SLOTS_FIELD). */
  blankSlots?: boolean;
};

export function fieldName(slot: string): string {
  return slot === WHOLE_SLOT ? WHOLE_SLOT : SECTION_FIELD_PREFIX + slot;
}

function slotOf(name: string): string | null {
  if (name === WHOLE_SLOT) return WHOLE_SLOT;
  return name.startsWith(SECTION_FIELD_PREFIX) ? name.slice(SECTION_FIELD_PREFIX.length) : null;
}

/** cyrb53: a fast 53-bit string hash. Change detection only, not security. */
export function fingerprint(value: string): string {
  const text = value.replace(/\r\n?/g, '\n').trim();
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Most slots of most forms are empty: their fingerprint is computed once. */
const EMPTY_FINGERPRINT = fingerprint('');

/** The values and fingerprints a form is rendered with, from what is saved. */
export function savedFormValues(
  slots: string[],
  saved: { stance: string | null; publication: string; texts: Record<string, string>; revisions: Record<string, number> },
): FeedbackFormValues {
  const bases: Record<string, string> = { stance: fingerprint(saved.stance ?? ''), publication: fingerprint(saved.publication) };
  const revisions: Record<string, string> = {};
  let blankSlots = false;
  for (const slot of slots) {
    const text = saved.texts[slot];
    const revision = saved.revisions[slot] ?? 0;
    if (!text && revision === 0) {
      blankSlots = true;
      continue;
    }
    bases[fieldName(slot)] = text ? fingerprint(text) : EMPTY_FINGERPRINT;
    revisions[fieldName(slot)] = String(revision);
  }
  return { stance: saved.stance ?? '', publication: saved.publication, texts: { ...saved.texts }, bases, revisions, blankSlots };
}

const REVISION_RE = /^\d{1,9}$/;

/**
 * A field counts as changed when it was posted and differs from the value its page was rendered with (`blank`: the
 * base of a slot rendered blank, when the form says so).
 */
function changed(fields: Record<string, string>, name: string, blank?: string): boolean {
  const base = fields[BASE_FIELD_PREFIX + name] ?? blank;
  if (fields[name] === undefined && base === undefined) return false;
  return base === undefined || base !== fingerprint(fields[name] ?? '');
}

export type FeedbackForm = { values: FeedbackFormValues; changes: FeedbackChanges; errors?: FieldErrors };

export function readFeedbackForm(fields: Record<string, string>, locale: Locale): FeedbackForm {
  const values: FeedbackFormValues = { stance: fields.stance ?? '', publication: fields.publication ?? '', texts: {}, bases: {}, revisions: {} };
  const changes: FeedbackChanges = { texts: {}, bases: {} };
  const errors: FieldErrors = {};
  const blankSlots = fields[BLANK_SLOTS_FIELD] === '1';
  if (blankSlots) values.blankSlots = true;
  for (const [name, value] of Object.entries(fields)) {
    if (name === BLANK_SLOTS_FIELD) continue;
    if (name.startsWith(BASE_FIELD_PREFIX)) {
      values.bases[name.slice(BASE_FIELD_PREFIX.length)] = value;
      continue;
    }
    if (name.startsWith(REVISION_FIELD_PREFIX)) {
      if (REVISION_RE.test(value)) values.revisions![name.slice(REVISION_FIELD_PREFIX.length)] = value;
      continue;
    }
    const slot = slotOf(name);
    if (slot === null) continue;
    values.texts[slot] = value;
    const parsed = v.safeParse(slot === WHOLE_SLOT ? overallText : opinionText, value, { lang: locale });
    if (!parsed.success) errors[name] = fieldErrors(parsed.issues)._ ?? '';
    else if (fields[KEEP_FIELD_PREFIX + name] === 'saved') continue;
    else {
      // Rendered blank, with no fields of its own: its base is the empty text's, its revision 0.
      const blank = blankSlots && fields[BASE_FIELD_PREFIX + name] === undefined;
      if (!changed(fields, name, blank ? EMPTY_FINGERPRINT : undefined)) continue;
      changes.texts[slot] = parsed.output;
      const base = fields[REVISION_FIELD_PREFIX + name] ?? (blank ? '0' : undefined);
      if (base !== undefined && REVISION_RE.test(base)) changes.bases![slot] = Number(base);
    }
  }
  if (changed(fields, 'stance')) {
    const parsed = v.safeParse(stanceOrNone, values.stance, { lang: locale });
    if (parsed.success) changes.stance = parsed.output === '' ? null : parsed.output;
    else errors.stance = fieldErrors(parsed.issues)._ ?? '';
  }
  if (changed(fields, 'publication') && values.publication !== '') {
    const parsed = v.safeParse(publicationField, values.publication, { lang: locale });
    if (parsed.success) changes.publication = parsed.output;
    else errors.publication = fieldErrors(parsed.issues)._ ?? '';
  }
  return Object.keys(errors).length ? { values, changes, errors } : { values, changes };
}
