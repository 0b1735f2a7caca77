/** Inputs of the dispositions slice: one schema each for forms and the JSON API, limits as named constants. */
import * as v from 'valibot';
import { DISPOSITIONS, type Disposition } from '../../db/schema';
import { message, singleLineCheck } from '../../lib/validation';

export const REPLY_MAX = 2000;
export const ASSIGNEE_MAX = 100;
export const REDACTED_TEXT_MAX = 5000;
export const TEMPLATE_LABEL_MAX = 60;
export const TEMPLATE_TEXT_MAX = REPLY_MAX;
/** One bulk change covers at most this many opinions (a page of triage, or a group). */
export const BULK_MAX = 500;
/** Changes one opinion can point to: far more than a real revision ties to one opinion. */
export const CHANGES_PER_OPINION_MAX = 50;

/** These dispositions owe the stakeholder an explanation; "adopted" may stand alone. */
const REPLY_REQUIRED: readonly Disposition[] = ['partly_adopted', 'not_adopted', 'noted'];

export function replyRequired(disposition: Disposition): boolean {
  return REPLY_REQUIRED.includes(disposition);
}

const text = (max: number) => v.pipe(v.string(message('validation.invalidChoice')), v.trim(), v.maxLength(max, message('validation.tooLong')));
const line = (max: number) => v.pipe(text(max), singleLineCheck());

const disposition = v.picklist(DISPOSITIONS, message('opinions.error.disposition'));

/**
 * `reply`, `assignee` and `changes` left out keep what the opinion has (PATCH); the reply rule is checked on the
 * result. `changes` names the draft changes that carry the opinion out (ids from the versions API).
 */
export const dispositionChangeSchema = v.object({
  disposition,
  reply: v.optional(text(REPLY_MAX)),
  assignee: v.optional(line(ASSIGNEE_MAX)),
  changes: v.optional(
    v.pipe(
      v.array(v.string(message('validation.invalidChoice')), message('validation.invalidChoice')),
      v.maxLength(CHANGES_PER_OPINION_MAX, message('opinions.error.tooManyChanges')),
      v.transform((ids) => [...new Set(ids)]),
    ),
  ),
});
export type DispositionChange = v.InferOutput<typeof dispositionChangeSchema>;

export const bulkDispositionSchema = v.object({
  opinionIds: v.pipe(
    v.array(v.string(message('validation.invalidChoice')), message('validation.invalidChoice')),
    v.minLength(1, message('opinions.error.noneSelected')),
    v.maxLength(BULK_MAX, message('opinions.error.tooMany')),
  ),
  disposition,
  reply: v.optional(text(REPLY_MAX)),
  assignee: v.optional(line(ASSIGNEE_MAX)),
});
export type BulkDispositionInput = v.InferOutput<typeof bulkDispositionSchema>;

export const redactionSchema = v.object({ redactedText: text(REDACTED_TEXT_MAX) });

export const templateSchema = v.object({
  label: v.pipe(line(TEMPLATE_LABEL_MAX), v.minLength(1, message('validation.required'))),
  text: v.pipe(text(TEMPLATE_TEXT_MAX), v.minLength(1, message('validation.required'))),
  disposition: v.union([v.literal(''), disposition]),
  scope: v.picklist(['round', 'global'], message('validation.invalidChoice')),
});
export type TemplateInput = v.InferOutput<typeof templateSchema>;
