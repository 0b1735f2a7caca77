/**
 * The statements that submit a personal link's response: they read the saved work in the same batch (one
 * transaction), so a save from another tab just before is included and two submits at once still give one opinion
 * per section.
 */
import { and, eq, sql } from 'drizzle-orm';
import { invitations, opinions, responses, type rounds, type stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from '../mail/outbox';
import { WHOLE_SLOT } from './schemas';

export type Submitting = {
  responseId: string;
  channel: 'link';
  round: typeof rounds.$inferSelect;
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
        overall: wholeText,
        respondentName: author.name,
        respondentOrganization: author.organization,
        respondentCategory: author.category,
        updatedAt: now,
      })
      .where(eq(responses.id, s.responseId)),
    // Upsert on the response slot: resubmitting updates the opinion instead of adding one. The SELECT lists every
    // column of `opinions` in schema order (drizzle's INSERT … SELECT takes them so).
    deps.db
      .insert(opinions)
      .select(
        sql`SELECT ${idPrefix} || upper(hex(randomblob(8))), ${s.round.id}, d.response_id,
          CASE WHEN d.slot = ${WHOLE_SLOT} THEN NULL ELSE d.slot END, d.response_id || ':' || d.slot,
          ${author.id}, ${author.name}, ${author.organization}, ${author.category}, ${s.channel}, ${at}, d.text,
          NULL, NULL, 'pending', '', '', NULL, NULL, ${at}, ${at}
        FROM draft_opinions d
        WHERE d.response_id = ${s.responseId} AND d.text <> ''
          AND (d.slot = ${WHOLE_SLOT} OR d.slot IN (SELECT id FROM round_sections WHERE round_id = ${s.round.id}))`,
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
