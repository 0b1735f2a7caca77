/** Inputs of the meetings slice, shared by the staff forms and the JSON API; limits are named constants. */
import * as v from 'valibot';
import { POLL_ANSWERS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { parseDateTime, type DateTimeFormat } from '../../lib/time';
import { dateTime, message, singleLine, trimmed } from '../../lib/validation';
import { audienceSchema } from '../rounds/schemas';

export const SERIES_MAX = 100;
export const TITLE_MAX = 200;
export const TOPIC_MAX = 500;
export const VENUE_MAX = 200;
export const ADDRESS_MAX = 300;
export const DIRECTIONS_MAX = 1000;
export const AGENDA_MAX = 5000;
export const HOST_MAX = 100;
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 2000;
export const DURATION_MIN = 15;
export const DURATION_MAX = 720;
export const DEFAULT_DURATION = 90;
export const NOTE_MAX = 1000;
export const DEPUTY_NAME_MAX = 100;
export const DEPUTY_TITLE_MAX = 100;
export const WALK_IN_NAME_MAX = 100;
export const WALK_IN_ORGANIZATION_MAX = 200;
export const MINUTES_SUMMARY_MAX = 20000;
export const MINUTES_OPINIONS_MAX = 30;
export const OPINION_TEXT_MAX = 5000;
export const POLL_MIN = 2;
export const POLL_MAX = 5;
export const CHECK_IN_CODE_LENGTH = 6;
export const SECTION_ID_MAX = 64;

/** An ISO instant with an offset (API), or a datetime-local value read as Shanghai time (forms, and the API too). */
const MEETING_TIME_FORMATS: readonly DateTimeFormat[] = ['offset', 'local'];

export function parseMeetingTime(value: string): Date | null {
  return parseDateTime(value, MEETING_TIME_FORMATS);
}

const optionalText = (max: number) => v.optional(v.pipe(trimmed(), v.maxLength(max, message('validation.tooLong'))), '');
const optionalLine = (max: number) => v.optional(singleLine(max), '');
const requiredLine = (max: number) => v.pipe(v.string(message('validation.required')), singleLine(max), v.nonEmpty(message('validation.required')));

const meetingTime = () => dateTime(MEETING_TIME_FORMATS, 'meetings.validation.dateTime');

/** Form fields arrive as strings, the API sends numbers: both become integers within the limits. */
const integerIn = (min: number, max: number) =>
  v.pipe(
    v.union([v.number(), v.pipe(v.string(), v.trim(), v.nonEmpty(message('validation.required')))], message('meetings.validation.integer')),
    v.transform(Number),
    v.integer(message('meetings.validation.integer')),
    v.minValue(min, message('meetings.validation.min')),
    v.maxValue(max, message('meetings.validation.max')),
  );

const editableFields = {
  title: requiredLine(TITLE_MAX),
  topic: optionalLine(TOPIC_MAX),
  durationMinutes: v.optional(integerIn(DURATION_MIN, DURATION_MAX), DEFAULT_DURATION),
  venue: requiredLine(VENUE_MAX),
  address: optionalLine(ADDRESS_MAX),
  directions: optionalText(DIRECTIONS_MAX),
  capacity: integerIn(CAPACITY_MIN, CAPACITY_MAX),
  agenda: optionalText(AGENDA_MAX),
  host: optionalLine(HOST_MAX),
  roundId: v.optional(v.nullable(v.pipe(v.string(), v.trim())), ''),
};

const pollTimes = v.pipe(
  v.array(v.string(message('meetings.validation.dateTime'))),
  v.transform((items) => items.map((s) => s.trim()).filter(Boolean)),
  v.check((items) => items.every((s) => parseMeetingTime(s) !== null), message('meetings.validation.dateTime')),
  v.transform((items) => [...new Set(items.map((s) => parseMeetingTime(s)!.getTime()))].sort((a, b) => a - b).map((ms) => new Date(ms))),
);

/** A new meeting: a fixed start, or two to five candidate times for a poll. */
export const createMeetingSchema = v.pipe(
  v.object({
    series: requiredLine(SERIES_MAX),
    ...editableFields,
    startsAt: v.optional(v.nullable(v.string()), ''),
    pollTimes: v.optional(pollTimes, []),
  }),
  v.forward(
    v.check((input) => !input.startsAt || parseMeetingTime(input.startsAt) !== null, message('meetings.validation.dateTime')),
    ['startsAt'],
  ),
  v.forward(
    v.check((input) => Boolean(input.startsAt) || input.pollTimes.length >= POLL_MIN, message('meetings.validation.startOrPoll')),
    ['startsAt'],
  ),
  v.forward(
    v.check((input) => Boolean(input.startsAt) || input.pollTimes.length <= POLL_MAX, message('meetings.validation.pollMax')),
    ['pollTimes'],
  ),
  v.transform((input) => ({
    ...input,
    roundId: input.roundId || null,
    startsAt: input.startsAt ? parseMeetingTime(input.startsAt) : null,
    pollTimes: input.startsAt ? [] : input.pollTimes,
  })),
);
export type MeetingInput = v.InferOutput<typeof createMeetingSchema>;

/** A change: every field optional (PATCH); the form sends them all. */
export const updateMeetingSchema = v.pipe(
  v.object({
    title: v.optional(editableFields.title),
    topic: v.optional(editableFields.topic),
    durationMinutes: v.optional(integerIn(DURATION_MIN, DURATION_MAX)),
    venue: v.optional(editableFields.venue),
    address: v.optional(editableFields.address),
    directions: v.optional(editableFields.directions),
    capacity: v.optional(editableFields.capacity),
    agenda: v.optional(editableFields.agenda),
    host: v.optional(editableFields.host),
    roundId: v.optional(v.nullable(v.pipe(v.string(), v.trim()))),
    startsAt: v.optional(meetingTime()),
  }),
  v.transform((input) => ({ ...input, roundId: input.roundId === undefined ? undefined : input.roundId || null })),
);
export type MeetingChange = v.InferOutput<typeof updateMeetingSchema>;

/** Whom to invite: categories, tags, or stakeholders picked by hand (the rounds' audience shape). */
export const invitationSchema = audienceSchema;
export type InvitationSelection = v.InferOutput<typeof invitationSchema>;
export { STAKEHOLDER_CATEGORIES };

/** `delegate` (委派出席): not coming, a named deputy comes instead and takes the seat. */
export const RSVP_CHOICES = ['attend', 'delegate', 'maybe', 'decline'] as const;
export type RsvpChoice = (typeof RSVP_CHOICES)[number];

const deputySchema = v.optional(
  v.union([
    v.pipe(
      singleLine(DEPUTY_NAME_MAX),
      v.transform((name) => ({ name, title: '' })),
    ),
    v.object({ name: optionalLine(DEPUTY_NAME_MAX), title: optionalLine(DEPUTY_TITLE_MAX) }),
    v.pipe(v.null(), v.transform(() => ({ name: '', title: '' }))),
  ]),
  { name: '', title: '' },
);

/** `PUT /api/v1/rsvp/:token`: the deputy as `{name, title}` or just a name. */
export const rsvpSchema = v.pipe(
  v.object({
    answer: v.picklist(RSVP_CHOICES, message('meetings.validation.answer')),
    note: optionalText(NOTE_MAX),
    deputy: deputySchema,
  }),
  v.forward(
    v.check((input) => input.answer !== 'delegate' || input.deputy.name !== '', message('meetings.validation.deputyRequired')),
    ['deputy'],
  ),
);
export type RsvpInput = v.InferOutput<typeof rsvpSchema>;

/** The RSVP form: flat fields. */
export const rsvpFormSchema = v.pipe(
  v.object({
    answer: v.picklist(RSVP_CHOICES, message('meetings.validation.answer')),
    note: optionalText(NOTE_MAX),
    deputyName: optionalLine(DEPUTY_NAME_MAX),
    deputyTitle: optionalLine(DEPUTY_TITLE_MAX),
  }),
  v.forward(
    v.check((input) => input.answer !== 'delegate' || input.deputyName !== '', message('meetings.validation.deputyRequired')),
    ['deputyName'],
  ),
  v.transform((input): RsvpInput => ({ answer: input.answer, note: input.note, deputy: { name: input.deputyName, title: input.deputyTitle } })),
);

export const pollVoteSchema = v.record(v.string(), v.picklist(POLL_ANSWERS, message('validation.invalidChoice')));

export const checkInSchema = v.object({
  code: v.pipe(
    v.string(message('validation.required')),
    v.transform((code) => code.replace(/[\s-]/g, '').toUpperCase()),
    v.nonEmpty(message('validation.required')),
    v.maxLength(CHECK_IN_CODE_LENGTH * 2, message('validation.tooLong')),
  ),
});

export const walkInSchema = v.object({
  name: requiredLine(WALK_IN_NAME_MAX),
  organization: optionalLine(WALK_IN_ORGANIZATION_MAX),
});

export const minutesOpinionSchema = v.object({
  attendeeId: v.optional(v.pipe(v.string(), v.trim()), ''),
  /** A section of the meeting's round; empty: the draft as a whole. */
  sectionId: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(SECTION_ID_MAX, message('validation.invalidChoice'))), ''),
  name: optionalLine(WALK_IN_NAME_MAX),
  organization: optionalLine(WALK_IN_ORGANIZATION_MAX),
  text: v.pipe(v.string(), v.trim(), v.maxLength(OPINION_TEXT_MAX, message('validation.tooLong'))),
});

export const minutesSchema = v.object({
  summary: optionalText(MINUTES_SUMMARY_MAX),
  /** Attendees marked present (those not already checked in are checked in at the meeting's start). */
  present: v.optional(v.array(v.string()), []),
  opinions: v.pipe(v.optional(v.array(minutesOpinionSchema), []), v.maxLength(MINUTES_OPINIONS_MAX, message('validation.tooMany'))),
});
export type MinutesInput = v.InferOutput<typeof minutesSchema>;

export const pickTimeSchema = v.object({ optionId: v.pipe(v.string(), v.nonEmpty(message('validation.required'))) });
