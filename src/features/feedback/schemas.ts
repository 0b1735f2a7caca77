/** Inputs of the feedback forms and the feedback API, with their limits. */
import * as v from 'valibot';
import { PUBLICATION_CHOICES, STAKEHOLDER_CATEGORIES, STANCES, type PublicationChoice, type StakeholderCategory, type Stance } from '../../db/schema';
import { message, singleLine } from '../../lib/validation';
import { EMAIL_MAX } from '../auth/schemas';

const emailShape = v.pipe(v.string(), v.email());

export const OPINION_MAX_CHARS = 5000;
export const OVERALL_MAX_CHARS = 5000;
export const RESPONDENT_NAME_MAX = 100;
export const RESPONDENT_ORGANIZATION_MAX = 200;
/** More opinions than any draft has sections: a bound on what one request may carry. */
export const OPINIONS_PER_REQUEST_MAX = 600;

/** The draft-opinion slot of the comment on the whole draft; other slots are section ids. */
export const WHOLE_SLOT = 'whole';
/** Form field of a section's comment: `s_<sectionId>`. */
export const SECTION_FIELD_PREFIX = 's_';

/** What a save or submit changes; absent keys are left as they are. */
export type FeedbackChanges = {
  stance?: Stance | null;
  publication?: PublicationChoice;
  /** By slot (section id or `whole`); an empty text clears the slot. */
  texts: Record<string, string>;
  /** By slot: the revision each text was based on; a slot without one is saved whatever its revision. */
  bases?: Record<string, number>;
};

/** Textareas post CRLF while `maxlength` counts a line break once: normalize before counting. */
const commentText = (max: number) =>
  v.pipe(
    v.string(),
    v.transform((text) => text.replace(/\r\n?/g, '\n').trim()),
    v.maxLength(max, message('feedback.error.tooLong')),
  );

export const opinionText = commentText(OPINION_MAX_CHARS);
export const overallText = commentText(OVERALL_MAX_CHARS);
export const stanceField = v.picklist(STANCES, message('validation.invalidChoice'));
export const publicationField = v.picklist(PUBLICATION_CHOICES, message('validation.invalidChoice'));

const revisionField = v.pipe(v.number(), v.integer(), v.minValue(0));

/** PUT /api/v1/feedback/:token */
export const feedbackApiSchema = v.object({
  stance: v.optional(v.nullable(stanceField)),
  overall: v.optional(overallText),
  /** The revision of the overall comment this text is based on (from GET); a stale one answers 409 `conflict`. */
  overallRevision: v.optional(revisionField),
  opinions: v.optional(
    v.pipe(
      v.array(v.object({ sectionId: v.pipe(v.string(), v.maxLength(100)), text: opinionText, revision: v.optional(revisionField) })),
      v.maxLength(OPINIONS_PER_REQUEST_MAX, message('validation.tooMany')),
    ),
    [],
  ),
  publication: v.optional(publicationField),
  submit: v.optional(v.boolean(), false),
});
export type FeedbackApiInput = v.InferOutput<typeof feedbackApiSchema>;

export function changesFromApi(input: FeedbackApiInput): FeedbackChanges {
  const texts: Record<string, string> = {};
  const bases: Record<string, number> = {};
  for (const opinion of input.opinions) {
    texts[opinion.sectionId] = opinion.text;
    if (opinion.revision !== undefined) bases[opinion.sectionId] = opinion.revision;
  }
  if (input.overall !== undefined) texts[WHOLE_SLOT] = input.overall;
  if (input.overall !== undefined && input.overallRevision !== undefined) bases[WHOLE_SLOT] = input.overallRevision;
  return { stance: input.stance, publication: input.publication, texts, bases };
}

const optionalChoice = <T extends readonly string[]>(options: T) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.transform((value) => (value === '' ? undefined : value)),
    v.optional(v.picklist(options, message('validation.invalidChoice'))),
  );

/** The respondent's details on the open link; comments are read like the personal link's form. */
export const openRespondentSchema = v.object({
  name: v.pipe(singleLine(RESPONDENT_NAME_MAX), v.nonEmpty(message('validation.required'))),
  organization: v.optional(singleLine(RESPONDENT_ORGANIZATION_MAX), ''),
  category: v.picklist(STAKEHOLDER_CATEGORIES, message('validation.invalidChoice')),
  email: v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.toLowerCase(),
    v.maxLength(EMAIL_MAX, message('validation.tooLong')),
    v.check((value) => value === '' || v.is(emailShape, value), message('validation.email')),
  ),
  stance: optionalChoice(STANCES),
  publication: optionalChoice(PUBLICATION_CHOICES),
});
export type OpenRespondentInput = v.InferOutput<typeof openRespondentSchema>;

/** Organizations are published by unit by default; private persons anonymously. */
const ORGANIZATION_CATEGORIES: readonly StakeholderCategory[] = ['street', 'department', 'enterprise'];

export function defaultPublication(category: StakeholderCategory | null | undefined): PublicationChoice {
  return category && ORGANIZATION_CATEGORIES.includes(category) ? 'unit_only' : 'anonymous';
}
