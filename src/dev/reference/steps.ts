/** The steps of the reference data, each with the schema of its input: the seed script calls them in order. */
import * as v from 'valibot';
import { DISPOSITIONS } from '../../db/schema';
import { feedbackApiSchema } from '../../features/feedback/schemas';
import { createMeetingSchema, rsvpSchema } from '../../features/meetings/schemas';
import { ASSIGNEE_MAX, BULK_MAX, REPLY_MAX } from '../../features/opinions/schemas';
import { apiRoundSchema, isoInstant, offlineOpinionSchema, SHORT_PERIOD_REASON_MAX } from '../../features/rounds/schemas';
import type { Deps } from '../../lib/deps';
import { message } from '../../lib/validation';
import { seedOfflineOpinions, seedResponses } from './feedback';
import { databaseStatus, deliverQueuedMail, referenceFacts, roundTally } from './mail-facts';
import { seedMeeting } from './meetings';
import { importStakeholders, seedStaff } from './people';
import { seedDispositions, seedRound, seedRoundClose } from './rounds';

/** One request's worth of work: small enough to stay well inside a Worker invocation's limits. */
export const CSV_MAX_CHARS = 1_000_000;
export const ITEMS_MAX = 500;
export const INVITEES_MAX = 2000;
const LIMIT_MAX = 5000;

const id = () => v.pipe(v.string(), v.nonEmpty(message('validation.required')), v.maxLength(64, message('validation.tooLong')));
const email = () => v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254, message('validation.tooLong')));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max, message('validation.tooMany')));

export type Step<S extends v.GenericSchema> = { schema: S; run: (deps: Deps, input: v.InferOutput<S>) => Promise<unknown> };
const step = <S extends v.GenericSchema>(schema: S, run: Step<S>['run']): Step<S> => ({ schema, run });

export const REFERENCE_STEPS = {
  status: step(v.object({}), (deps) => databaseStatus(deps)),
  staff: step(v.object({}), (deps) => seedStaff(deps)),
  stakeholders: step(v.object({ csv: v.pipe(v.string(), v.maxLength(CSV_MAX_CHARS, message('validation.tooLong'))) }), importStakeholders),
  round: step(
    v.object({
      round: apiRoundSchema,
      createdAt: isoInstant(),
      openAt: v.optional(isoInstant()),
      shortPeriodReason: v.optional(v.pipe(v.string(), v.maxLength(SHORT_PERIOD_REASON_MAX, message('validation.tooLong'))), ''),
    }),
    seedRound,
  ),
  responses: step(v.object({ roundId: id(), items: list(v.object({ email: email(), at: isoInstant(), feedback: feedbackApiSchema }), ITEMS_MAX) }), seedResponses),
  offline: step(
    v.object({
      roundId: id(),
      items: list(v.object({ email: v.optional(email(), ''), loggedAt: isoInstant(), opinion: offlineOpinionSchema }), ITEMS_MAX),
    }),
    seedOfflineOpinions,
  ),
  dispositions: step(
    v.object({
      roundId: id(),
      at: isoInstant(),
      groups: list(
        v.object({
          numbers: list(v.pipe(v.number(), v.integer(), v.minValue(1)), BULK_MAX),
          disposition: v.picklist(DISPOSITIONS, message('validation.invalidChoice')),
          reply: v.pipe(v.string(), v.maxLength(REPLY_MAX, message('validation.tooLong'))),
          assignee: v.pipe(v.string(), v.maxLength(ASSIGNEE_MAX, message('validation.tooLong'))),
        }),
        ITEMS_MAX,
      ),
    }),
    seedDispositions,
  ),
  close: step(v.object({ roundId: id(), at: isoInstant(), publish: v.optional(v.boolean(), false) }), seedRoundClose),
  meeting: step(
    v.object({
      createdAt: isoInstant(),
      meeting: createMeetingSchema,
      invitees: list(email(), INVITEES_MAX),
      rsvps: v.optional(list(v.object({ email: email(), at: isoInstant(), answer: rsvpSchema }), INVITEES_MAX), []),
    }),
    seedMeeting,
  ),
  deliver: step(v.object({}), (deps) => deliverQueuedMail(deps)),
  facts: step(v.object({ roundId: id(), meetingId: id(), limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMIT_MAX)) }), referenceFacts),
  tally: step(v.object({ roundId: id() }), roundTally),
} as const;

export type ReferenceStepName = keyof typeof REFERENCE_STEPS;

export function isReferenceStep(name: string): name is ReferenceStepName {
  return Object.hasOwn(REFERENCE_STEPS, name);
}
