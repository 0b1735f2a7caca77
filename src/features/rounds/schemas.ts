/** Inputs of the rounds slice, shared by the staff forms and the JSON API; limits are named constants. */
import * as v from 'valibot';
import { OFFLINE_CHANNELS, STAKEHOLDER_CATEGORIES, type RoundAudience } from '../../db/schema';
import { DAY_MS } from '../../lib/clock';
import { dateTime, message, singleLine, singleLineCheck, trimmed } from '../../lib/validation';
import { DRAFT_MAX_CHARS, SPLIT_FIXES_MAX, type SplitFix } from './split-draft';

export const TITLE_MAX = 200;
export const PURPOSE_MAX = 2000;
export const CONTACT_NAME_MAX = 100;
export const CONTACT_PHONE_MAX = 50;
export const CONTACT_ADDRESS_MAX = 300;
export const TAG_MAX = 40;
export const AUDIENCE_TAGS_MAX = 50;
export const AUDIENCE_IDS_MAX = 2000;
export const SHORT_PERIOD_REASON_MAX = 1000;
export const OPINION_TEXT_MAX = 5000;
export const AUTHOR_NAME_MAX = 100;
export const AUTHOR_ORGANIZATION_MAX = 200;
export const DRAFT_FILE_MAX_BYTES = 1_000_000;
/** Word files carry styles and sometimes pictures: more room, the text read from them is still capped by DRAFT_MAX_CHARS. */
export const DRAFT_DOCX_MAX_BYTES = 5_000_000;
export const REMINDER_IDS_MAX = 2000;
/** The usual minimum for public comment in Chinese rules: a shorter period needs a stated reason. */
export const MIN_COMMENT_PERIOD_DAYS = 30;
export const MIN_COMMENT_PERIOD_MS = MIN_COMMENT_PERIOD_DAYS * DAY_MS;

export { DRAFT_MAX_CHARS };

const optionalText = (max: number) => v.optional(v.pipe(trimmed(), v.maxLength(max, message('validation.tooLong'))), '');
const requiredText = (max: number) => v.pipe(trimmed(), v.nonEmpty(message('validation.required')), v.maxLength(max, message('validation.tooLong')));
const optionalLine = (max: number) => v.optional(singleLine(max), '');
const requiredLine = (max: number) => v.pipe(singleLine(max), v.nonEmpty(message('validation.required')));

/** ISO 8601 with an offset (API) — a time without a zone would be ambiguous. */
export const isoInstant = () => dateTime(['offset'], 'rounds.validation.isoDateTime');

/** A datetime-local field, read as Shanghai wall-clock time (forms). */
export const shanghaiLocal = () => dateTime(['local'], 'rounds.validation.dateTime');

const categoryList = v.pipe(
  v.array(v.picklist(STAKEHOLDER_CATEGORIES, message('validation.invalidChoice'))),
  v.transform((items) => [...new Set(items)]),
);
const tagList = v.pipe(
  v.array(singleLine(TAG_MAX)),
  v.maxLength(AUDIENCE_TAGS_MAX, message('validation.tooMany')),
  v.transform((items) => [...new Set(items.filter(Boolean))]),
);
const idList = v.pipe(
  v.array(v.pipe(v.string(), v.trim())),
  v.maxLength(AUDIENCE_IDS_MAX, message('validation.tooMany')),
  v.transform((items) => [...new Set(items.filter(Boolean))]),
);

export const audienceSchema = v.object({
  categories: v.optional(categoryList, []),
  tags: v.optional(tagList, []),
  stakeholderIds: v.optional(idList, []),
});

const draftText = v.pipe(v.string(), v.trim(), v.nonEmpty(message('validation.required')), v.maxLength(DRAFT_MAX_CHARS, message('validation.tooLong')));

const roundFields = {
  title: requiredLine(TITLE_MAX),
  purpose: optionalText(PURPOSE_MAX),
  draft: draftText,
  contactName: optionalLine(CONTACT_NAME_MAX),
  contactPhone: optionalLine(CONTACT_PHONE_MAX),
  contactAddress: optionalLine(CONTACT_ADDRESS_MAX),
};

export type RoundInput = {
  title: string;
  purpose: string;
  draft: string;
  opensAt: Date;
  closesAt: Date;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  audience: RoundAudience;
  /** Corrections of the split made in the preview. */
  splitFixes?: SplitFix[];
};

/** `POST /api/v1/rounds`: the contact may come flat or as `contact: {name, phone, address}`. */
export const apiRoundSchema = v.pipe(
  v.object({
    ...roundFields,
    contactName: v.optional(v.pipe(v.string(), singleLineCheck()), ''),
    contactPhone: v.optional(v.pipe(v.string(), singleLineCheck()), ''),
    contactAddress: v.optional(v.pipe(v.string(), singleLineCheck()), ''),
    contact: v.optional(v.object({ name: optionalLine(CONTACT_NAME_MAX), phone: optionalLine(CONTACT_PHONE_MAX), address: optionalLine(CONTACT_ADDRESS_MAX) })),
    opensAt: isoInstant(),
    closesAt: isoInstant(),
    audience: v.optional(audienceSchema, { categories: [], tags: [], stakeholderIds: [] }),
  }),
  v.forward(
    v.check((input) => input.closesAt.getTime() > input.opensAt.getTime(), message('rounds.validation.closesBeforeOpens')),
    ['closesAt'],
  ),
  v.transform(
    (input): RoundInput => ({
      title: input.title,
      purpose: input.purpose,
      draft: input.draft,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      contactName: (input.contact?.name || input.contactName).trim().slice(0, CONTACT_NAME_MAX),
      contactPhone: (input.contact?.phone || input.contactPhone).trim().slice(0, CONTACT_PHONE_MAX),
      contactAddress: (input.contact?.address || input.contactAddress).trim().slice(0, CONTACT_ADDRESS_MAX),
      audience: input.audience,
    }),
  ),
);

/** The round form: datetime-local fields in Shanghai time, tags comma-separated, categories and ids repeated. */
export const formRoundSchema = v.pipe(
  v.object({ ...roundFields, opensAt: shanghaiLocal(), closesAt: shanghaiLocal(), categories: categoryList, tags: tagList, stakeholderIds: idList }),
  v.forward(
    v.check((input) => input.closesAt.getTime() > input.opensAt.getTime(), message('rounds.validation.closesBeforeOpens')),
    ['closesAt'],
  ),
  v.transform(
    (input): RoundInput => ({
      title: input.title,
      purpose: input.purpose,
      draft: input.draft,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactAddress: input.contactAddress,
      audience: { categories: input.categories, tags: input.tags, stakeholderIds: input.stakeholderIds },
    }),
  ),
);

/** After a round opens only the dates and the contact person may change. */
export type OpenRoundChange = { closesAt: Date; contactName: string; contactPhone: string; contactAddress: string };

export const formOpenRoundSchema = v.object({
  closesAt: shanghaiLocal(),
  contactName: optionalLine(CONTACT_NAME_MAX),
  contactPhone: optionalLine(CONTACT_PHONE_MAX),
  contactAddress: optionalLine(CONTACT_ADDRESS_MAX),
});

export const openRoundSchema = v.object({ shortPeriodReason: optionalText(SHORT_PERIOD_REASON_MAX) });

export const offlineOpinionSchema = v.pipe(
  v.object({
    stakeholderId: v.optional(v.pipe(v.string(), v.trim()), ''),
    name: optionalLine(AUTHOR_NAME_MAX),
    organization: optionalLine(AUTHOR_ORGANIZATION_MAX),
    category: v.optional(v.union([v.literal(''), v.picklist(STAKEHOLDER_CATEGORIES, message('validation.invalidChoice'))]), ''),
    channel: v.picklist(OFFLINE_CHANNELS, message('validation.invalidChoice')),
    // An offline opinion's date: a date (noon in Shanghai), a Shanghai local time, or an ISO instant.
    heardAt: dateTime(['offset', 'local', 'date'], 'rounds.validation.dateTime'),
    sectionId: v.optional(v.nullable(v.pipe(v.string(), v.trim())), ''),
    text: requiredText(OPINION_TEXT_MAX),
  }),
  v.forward(
    v.check((input) => Boolean(input.stakeholderId) || Boolean(input.name), message('rounds.validation.whoRequired')),
    ['name'],
  ),
  v.transform((input) => ({ ...input, sectionId: input.sectionId && input.sectionId !== 'whole' ? input.sectionId : null })),
);
export type OfflineOpinionInput = v.InferOutput<typeof offlineOpinionSchema>;

export const reminderSchema = v.object({
  invitationIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim())), v.maxLength(REMINDER_IDS_MAX, message('validation.tooMany'))), []),
});

/** `POST /api/v1/rounds/<id>/versions`: the revised draft, and optionally the split's fixes. */
export const reviseDraftSchema = v.object({
  draft: draftText,
  splitFixes: v.optional(v.pipe(v.array(v.object({ line: v.pipe(v.string(), v.trim(), v.nonEmpty()), level: v.pipe(v.number(), v.integer()) })), v.maxLength(SPLIT_FIXES_MAX)), []),
});
