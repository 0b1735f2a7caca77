/**
 * The statements that submit a personal link's response: they read the saved work in the same batch (one
 * transaction), so a save from another tab just before is included and two submits at once still give one opinion
 * per section.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  draftOpinions,
  invitations,
  opinions,
  responses,
  type Channel,
  type Disposition,
  type rounds,
  type StakeholderCategory,
  type stakeholders,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from '../mail/outbox';
import { WHOLE_SLOT } from './schemas';

export type Submitting = {
  /** The response's id, or SQL that reads it (a first save creates the response in the same batch). */
  responseId: string | SQL;
  channel: 'link';
  round: Pick<typeof rounds.$inferSelect, 'id'>;
  invitation: typeof invitations.$inferSelect;
  stakeholder: typeof stakeholders.$inferSelect;
};

/** ULIDs begin with 10 characters of time; 16 hex digits (a subset of Crockford base32) stand in for the random part. */
const ULID_TIME_CHARS = 10;

export function submissionStatements(deps: Deps, s: Submitting, now: Date): Statement[] {
  const at = now.getTime();
  const idPrefix = deps.newId().slice(0, ULID_TIME_CHARS);
  const author = s.stakeholder;
  const wholeText = sql`coalesce((SELECT text FROM draft_opinions WHERE response_id = ${s.responseId} AND slot = ${WHOLE_SLOT}), '')`;
  return [
    deps.db
      .update(responses)
      .set({
        status: 'submitted',
        submittedAt: now,
        // What staff see becomes what was being edited (workingValues in service.ts).
        stance: sql`CASE WHEN ${responses.draftPublication} IS NULL THEN ${responses.stance} ELSE ${responses.draftStance} END`,
        publication: sql`coalesce(${responses.draftPublication}, ${responses.publication})`,
        overall: wholeText,
        respondentName: author.name,
        respondentOrganization: author.organization,
        respondentCategory: author.category,
        updatedAt: now,
      })
      .where(eq(responses.id, s.responseId)),
    // Upsert on the response slot: resubmitting updates the opinion instead of adding one. drizzle's INSERT … SELECT
    // wants every column of `opinions`, by name and in schema order; drizzle refuses a missing one (the submit tests
    // catch it) instead of shifting values into the wrong columns.
    deps.db
      .insert(opinions)
      .select((qb) =>
        qb
          .select({
            id: sql<string>`${idPrefix} || upper(hex(randomblob(8)))`.as('id'),
            roundId: sql<string>`${s.round.id}`.as('round_id'),
            // New slots first, so a resubmission that adds one section takes the very next number (see numbering.ts).
            // Qualified by hand: drizzle writes a bare "response_id" here, which inside the subquery means o2's own
            // column — every opinion of the database scanned per slot, and a new slot numbered after existing ones.
            number: sql<number>`(SELECT coalesce(max(number), 0) FROM opinions WHERE round_id = ${s.round.id})
              + row_number() OVER (ORDER BY EXISTS (SELECT 1 FROM opinions o2 WHERE o2.response_slot = draft_opinions.response_id || ':' || draft_opinions.slot), draft_opinions.slot)`.as('number'),
            responseId: draftOpinions.responseId,
            sectionId: sql<string | null>`CASE WHEN ${draftOpinions.slot} = ${WHOLE_SLOT} THEN NULL ELSE ${draftOpinions.slot} END`.as('section_id'),
            responseSlot: sql<string>`${draftOpinions.responseId} || ':' || ${draftOpinions.slot}`.as('response_slot'),
            stakeholderId: sql<string>`${author.id}`.as('stakeholder_id'),
            authorName: sql<string>`${author.name}`.as('author_name'),
            authorOrganization: sql<string>`${author.organization}`.as('author_organization'),
            authorCategory: sql<StakeholderCategory>`${author.category}`.as('author_category'),
            channel: sql<Channel>`${s.channel}`.as('channel'),
            heardAt: sql<Date>`${at}`.as('heard_at'),
            text: draftOpinions.text,
            loggedByStaffId: sql<null>`NULL`.as('logged_by_staff_id'),
            meetingId: sql<null>`NULL`.as('meeting_id'),
            disposition: sql<Disposition>`'pending'`.as('disposition'),
            reply: sql<string>`''`.as('reply'),
            assignee: sql<string>`''`.as('assignee'),
            dispositionByStaffId: sql<null>`NULL`.as('disposition_by_staff_id'),
            dispositionAt: sql<null>`NULL`.as('disposition_at'),
            redactedText: sql<null>`NULL`.as('redacted_text'),
            redactedByStaffId: sql<null>`NULL`.as('redacted_by_staff_id'),
            redactedAt: sql<null>`NULL`.as('redacted_at'),
            createdAt: sql<Date>`${at}`.as('created_at'),
            updatedAt: sql<Date>`${at}`.as('updated_at'),
          })
          .from(draftOpinions)
          .where(
            and(
              eq(draftOpinions.responseId, s.responseId),
              sql`${draftOpinions.text} <> ''`,
              sql`(${draftOpinions.slot} = ${WHOLE_SLOT} OR ${draftOpinions.slot} IN (SELECT id FROM round_sections WHERE round_id = ${s.round.id}))`,
            ),
          ),
      )
      .onConflictDoUpdate({
        target: opinions.responseSlot,
        set: {
          text: sql`excluded.text`,
          heardAt: sql`excluded.heard_at`,
          authorName: sql`excluded.author_name`,
          authorOrganization: sql`excluded.author_organization`,
          authorCategory: sql`excluded.author_category`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`${opinions.text} <> excluded.text`,
      }),
    // A slot emptied since the last submit withdraws its opinion, unless staff have already dealt with it.
    deps.db
      .delete(opinions)
      .where(
        and(
          eq(opinions.responseId, s.responseId),
          eq(opinions.disposition, 'pending'),
          sql`${opinions.responseSlot} NOT IN (SELECT response_id || ':' || slot FROM draft_opinions WHERE response_id = ${s.responseId} AND text <> '')`,
        ),
      ),
    deps.db
      .update(invitations)
      .set({ status: 'responded', respondedAt: sql`coalesce(${invitations.respondedAt}, ${at})`, lastActivityAt: now })
      .where(eq(invitations.id, s.invitation.id)),
  ];
}
