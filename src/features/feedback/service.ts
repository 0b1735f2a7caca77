/** Feedback behind a personal link: find the link, mark it opened, load the saved work (saving: save.ts; declining: decline.ts; erasure requests: erasure-routes.tsx). */
import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  CHANNELS,
  draftOpinions,
  feedbackAttachments,
  invitations,
  opinions,
  responses,
  rounds,
  roundSections,
  stakeholders,
  type Channel,
  type PublicationChoice,
  type Stance,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { sha256Hex } from '../../lib/tokens';
import { defaultPublication, WHOLE_SLOT } from './schemas';
import type { SectionRow } from './sections';
import { pendingChangesSql } from './pending';

export type FeedbackLink = {
  invitation: typeof invitations.$inferSelect;
  round: typeof rounds.$inferSelect;
  stakeholder: typeof stakeholders.$inferSelect;
  sections: SectionRow[];
};

export type RoundPhase = 'not_open' | 'open' | 'closed';

/** A round takes comments while it is open and before its closing time, whether or not the cron has closed it yet. */
export function roundPhase(round: Pick<typeof rounds.$inferSelect, 'status' | 'closesAt'>, now: Date): RoundPhase {
  if (round.status === 'closed' || now.getTime() >= round.closesAt.getTime()) return 'closed';
  return round.status === 'draft' ? 'not_open' : 'open';
}

/** Unknown and revoked tokens are the same to the caller: nothing. */
export async function findLink(deps: Deps, token: string): Promise<FeedbackLink | null> {
  return linkWhere(deps, eq(invitations.tokenHash, await sha256Hex(token)));
}

/** The link of an invitation known by id (a mail being sent); null once revoked. */
export async function findLinkOf(deps: Deps, invitationId: string): Promise<FeedbackLink | null> {
  return linkWhere(deps, eq(invitations.id, invitationId));
}

async function linkWhere(deps: Deps, where: SQL): Promise<FeedbackLink | null> {
  // Not in a batch: D1 batches return rows as objects, and the joined tables share column names.
  const row = await deps.db
    .select({ invitation: invitations, round: rounds, stakeholder: stakeholders })
    .from(invitations)
    .innerJoin(rounds, eq(rounds.id, invitations.roundId))
    .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
    .where(and(where, isNull(invitations.revokedAt)))
    .get();
  if (!row) return null;
  const sections = await deps.db.select().from(roundSections).where(eq(roundSections.roundId, row.round.id)).orderBy(asc(roundSections.position));
  return { ...row, sections };
}

/** GET marks the invitation opened once; later visits change nothing but the last activity. */
export async function markOpened(deps: Deps, link: FeedbackLink): Promise<void> {
  const now = deps.clock();
  await deps.db
    .update(invitations)
    .set({ status: 'opened', openedAt: now, lastActivityAt: now })
    .where(and(eq(invitations.id, link.invitation.id), eq(invitations.status, 'invited')));
}

export type SavedFeedback = {
  response: typeof responses.$inferSelect | null;
  /** Work in progress by slot. */
  texts: Record<string, string>;
  /** Each slot's revision, raised by every save of it; 0 for a slot never saved. */
  revisions: Record<string, number>;
  /** Submitted opinions by slot: what staff have. */
  submitted: Record<string, string>;
  /** The work in progress differs from what was submitted (see pending.ts). */
  pendingChanges: boolean;
  /** Files attached and not removed, oldest first. */
  attachments: (typeof feedbackAttachments.$inferSelect)[];
};

export async function loadSavedFeedback(deps: Deps, invitationId: string): Promise<SavedFeedback> {
  const ofInvitation = sql`(SELECT id FROM responses WHERE invitation_id = ${invitationId})`;
  const [found, drafts, given, attachments, pending] = await deps.db.batch([
    deps.db.select().from(responses).where(eq(responses.invitationId, invitationId)),
    deps.db.select().from(draftOpinions).where(eq(draftOpinions.responseId, ofInvitation)),
    deps.db.select({ sectionId: opinions.sectionId, text: opinions.text }).from(opinions).where(eq(opinions.responseId, ofInvitation)),
    deps.db
      .select()
      .from(feedbackAttachments)
      .where(and(eq(feedbackAttachments.responseId, ofInvitation), isNull(feedbackAttachments.removedAt)))
      .orderBy(asc(feedbackAttachments.createdAt), asc(feedbackAttachments.id)),
    deps.db.select({ pending: pendingChangesSql(sql`${responses.id}`) }).from(responses).where(eq(responses.invitationId, invitationId)),
  ]);
  return {
    response: found[0] ?? null,
    texts: Object.fromEntries(drafts.map((d) => [d.slot, d.text])),
    revisions: Object.fromEntries(drafts.map((d) => [d.slot, d.revision])),
    submitted: Object.fromEntries(given.map((o) => [o.sectionId ?? WHOLE_SLOT, o.text])),
    pendingChanges: Boolean(pending[0]?.pending),
    attachments,
  };
}

/** The values being edited: saved ones, the submitted ones before any edit, or the defaults before anything is saved. */
export function workingValues(link: FeedbackLink, saved: SavedFeedback): { stance: Stance | null; publication: PublicationChoice } {
  const response = saved.response;
  if (!response) return { stance: null, publication: defaultPublication(link.stakeholder.category) };
  if (response.draftPublication === null) return { stance: response.stance, publication: response.publication };
  return { stance: response.draftStance, publication: response.draftPublication };
}

export function unknownSlots(link: Pick<FeedbackLink, 'sections'>, slots: string[]): string[] {
  const known = new Set(link.sections.map((s) => s.id));
  return slots.filter((slot) => slot !== WHOLE_SLOT && !known.has(slot));
}

export function newResponseRow(deps: Deps, link: FeedbackLink, now: Date, status: 'draft' | 'declined') {
  return {
    id: deps.newId(),
    roundId: link.round.id,
    invitationId: link.invitation.id,
    stakeholderId: link.stakeholder.id,
    respondentName: link.stakeholder.name,
    respondentOrganization: link.stakeholder.organization,
    respondentCategory: link.stakeholder.category,
    publication: defaultPublication(link.stakeholder.category),
    status,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * How staff heard this stakeholder in this round other than through the link's own response (a call, a meeting, a
 * letter they logged): the closed page must not say "no comments" above the outcome of an opinion given by phone.
 */
export async function channelsHeardOffline(deps: Deps, link: FeedbackLink, ownResponseId: string | null): Promise<Channel[]> {
  const notOwn = ownResponseId ? or(isNull(opinions.responseId), ne(opinions.responseId, ownResponseId)) : undefined;
  const rows = await deps.db
    .selectDistinct({ channel: opinions.channel })
    .from(opinions)
    .where(and(eq(opinions.roundId, link.round.id), eq(opinions.stakeholderId, link.stakeholder.id), notOwn));
  return CHANNELS.filter((channel) => rows.some((row) => row.channel === channel));
}
