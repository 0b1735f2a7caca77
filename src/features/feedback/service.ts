/** Feedback behind a personal link: find the link, mark it opened, save, submit, decline (erasure requests: erasure-routes.tsx). */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  draftOpinions,
  feedbackAttachments,
  invitations,
  opinions,
  responses,
  rounds,
  roundSections,
  stakeholders,
  type PublicationChoice,
  type Stance,
} from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { sha256Hex } from '../../lib/tokens';
import { outboxStatements, type Statement } from '../mail/outbox';
import { feedbackCopyMail } from './confirmation';
import { defaultPublication, WHOLE_SLOT, type FeedbackChanges } from './schemas';
import type { SectionRow } from './sections';
import { submissionStatements } from './submission';

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
  // Not in a batch: D1 batches return rows as objects, and the joined tables share column names.
  const row = await deps.db
    .select({ invitation: invitations, round: rounds, stakeholder: stakeholders })
    .from(invitations)
    .innerJoin(rounds, eq(rounds.id, invitations.roundId))
    .innerJoin(stakeholders, eq(stakeholders.id, invitations.stakeholderId))
    .where(and(eq(invitations.tokenHash, await sha256Hex(token)), isNull(invitations.revokedAt)))
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
  /** Submitted opinions by slot. */
  submitted: Record<string, string>;
  /** Files attached and not removed, oldest first. */
  attachments: (typeof feedbackAttachments.$inferSelect)[];
};

export async function loadSavedFeedback(deps: Deps, invitationId: string): Promise<SavedFeedback> {
  const ofInvitation = sql`(SELECT id FROM responses WHERE invitation_id = ${invitationId})`;
  const [found, drafts, given, attachments] = await deps.db.batch([
    deps.db.select().from(responses).where(eq(responses.invitationId, invitationId)),
    deps.db.select().from(draftOpinions).where(eq(draftOpinions.responseId, ofInvitation)),
    deps.db.select({ sectionId: opinions.sectionId, text: opinions.text }).from(opinions).where(eq(opinions.responseId, ofInvitation)),
    deps.db
      .select()
      .from(feedbackAttachments)
      .where(and(eq(feedbackAttachments.responseId, ofInvitation), isNull(feedbackAttachments.removedAt)))
      .orderBy(asc(feedbackAttachments.createdAt), asc(feedbackAttachments.id)),
  ]);
  return {
    response: found[0] ?? null,
    texts: Object.fromEntries(drafts.map((d) => [d.slot, d.text])),
    submitted: Object.fromEntries(given.map((o) => [o.sectionId ?? WHOLE_SLOT, o.text])),
    attachments,
  };
}

/** The values a form or client works with: saved ones, or the defaults before anything is saved. */
export function workingValues(link: FeedbackLink, saved: SavedFeedback): { stance: Stance | null; publication: PublicationChoice } {
  return {
    stance: saved.response?.stance ?? null,
    publication: saved.response?.publication ?? defaultPublication(link.stakeholder.category),
  };
}

export function unknownSlots(link: Pick<FeedbackLink, 'sections'>, slots: string[]): string[] {
  const known = new Set(link.sections.map((s) => s.id));
  return slots.filter((slot) => slot !== WHOLE_SLOT && !known.has(slot));
}

export type SaveError = 'round_closed' | 'round_not_open' | 'unknown_section' | 'empty';
export type SaveReceipt = { responseId: string; revision: number; savedAt: Date; submitted: boolean; emailed: boolean };

/**
 * Saves what changed (per slot, so tabs editing different sections never clash) and, on submit, turns the saved
 * work into opinions in the same batch, with the confirmation mail and the invitation's move to `responded`.
 */
export async function saveFeedback(
  deps: Deps,
  link: FeedbackLink,
  changes: FeedbackChanges,
  options: { submit: boolean; linkUrl: string },
): Promise<Result<SaveReceipt, SaveError>> {
  const now = deps.clock();
  const phase = roundPhase(link.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  const unknown = unknownSlots(link, Object.keys(changes.texts));
  if (unknown.length) return fail('unknown_section', Object.fromEntries(unknown.map((slot) => [slot, slot])));

  const before = options.submit ? await loadSavedFeedback(deps, link.invitation.id) : null;
  if (before && isEmptySubmission(link, before, changes)) return fail('empty');
  const responseId = before?.response?.id ?? (await ensureResponse(deps, link, now));
  const statements: Statement[] = Object.entries(changes.texts).map(([slot, text]) =>
    deps.db
      .insert(draftOpinions)
      .values({ responseId, slot, text, updatedAt: now })
      .onConflictDoUpdate({ target: [draftOpinions.responseId, draftOpinions.slot], set: { text, updatedAt: now } }),
  );
  const revisionIndex = statements.length;
  statements.push(
    deps.db
      .update(responses)
      .set({
        ...(changes.stance !== undefined ? { stance: changes.stance } : {}),
        ...(changes.publication ? { publication: changes.publication } : {}),
        revision: sql`${responses.revision} + 1`,
        updatedAt: now,
      })
      .where(eq(responses.id, responseId))
      .returning({ revision: responses.revision }),
    deps.db.update(invitations).set({ lastActivityAt: now }).where(eq(invitations.id, link.invitation.id)),
  );

  const mail = before ? await confirmationFor(deps, link, before, changes, now, options.linkUrl) : [];
  if (before) statements.push(...submissionStatements(deps, { ...link, responseId, channel: 'link' }, now));
  const mailRows = mail.map((message) => outboxStatements(deps, message));
  const results = await deps.db.batch([...statements, ...mailRows.flatMap((m) => m.statements)] as [Statement, ...Statement[]]);
  await deps.enqueueMail(mailRows.map((m) => m.id));
  const revision = (results[revisionIndex] as { revision: number }[])[0]?.revision ?? 0;
  return ok({ responseId, revision, savedAt: now, submitted: options.submit, emailed: mailRows.length > 0 });
}

/** One response per invitation: two tabs saving at once both end up on the same row. */
async function ensureResponse(deps: Deps, link: FeedbackLink, now: Date): Promise<string> {
  const [, rows] = await deps.db.batch([
    deps.db
      .insert(responses)
      .values(newResponseRow(deps, link, now, 'draft'))
      .onConflictDoNothing({ target: responses.invitationId }),
    deps.db.select({ id: responses.id }).from(responses).where(eq(responses.invitationId, link.invitation.id)),
  ]);
  return rows[0]!.id;
}

function newResponseRow(deps: Deps, link: FeedbackLink, now: Date, status: 'draft' | 'declined') {
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

/** A copy of what is being submitted; none for a repeat of an unchanged submission (a double click). */
async function confirmationFor(deps: Deps, link: FeedbackLink, before: SavedFeedback, changes: FeedbackChanges, now: Date, linkUrl: string) {
  const email = link.stakeholder.email;
  if (!email || link.stakeholder.erasedAt) return [];
  const working = workingValues(link, before);
  const stance = changes.stance !== undefined ? changes.stance : working.stance;
  const publication = changes.publication ?? working.publication;
  const known = new Set([WHOLE_SLOT, ...link.sections.map((s) => s.id)]);
  const texts = Object.fromEntries(
    Object.entries({ ...before.texts, ...changes.texts }).filter(([slot, text]) => text !== '' && known.has(slot)),
  );
  const response = before.response;
  const unchanged =
    response?.status === 'submitted' &&
    response.submittedAt?.getTime() === response.updatedAt.getTime() &&
    stance === response.stance &&
    publication === response.publication &&
    sameTexts(texts, before.submitted) &&
    before.attachments.every((a) => a.createdAt.getTime() <= response.updatedAt.getTime());
  if (unchanged) return [];
  const message = await feedbackCopyMail({
    to: { email, name: link.stakeholder.name },
    stakeholderId: link.stakeholder.id,
    round: link.round,
    sections: link.sections,
    submittedAt: now,
    stance,
    publication,
    texts,
    attachments: before.attachments.map((a) => a.filename),
    linkUrl,
  });
  return [message];
}

/** A submission needs at least one comment, a stance or an attached file. */
function isEmptySubmission(link: FeedbackLink, before: SavedFeedback, changes: FeedbackChanges): boolean {
  const stance = changes.stance !== undefined ? changes.stance : before.response?.stance;
  const known = new Set([WHOLE_SLOT, ...link.sections.map((s) => s.id)]);
  const texts = { ...before.texts, ...changes.texts };
  return !stance && before.attachments.length === 0 && !Object.entries(texts).some(([slot, text]) => text !== '' && known.has(slot));
}

function sameTexts(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

export type DeclineError = 'round_closed' | 'round_not_open' | 'already_responded';

/** Declining is an answer too; submitting later still moves the invitation to `responded`. */
export async function declineRound(deps: Deps, link: FeedbackLink): Promise<Result<void, DeclineError>> {
  const now = deps.clock();
  const phase = roundPhase(link.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  if (link.invitation.status === 'responded') return fail('already_responded');
  await deps.db.batch([
    deps.db.insert(responses).values(newResponseRow(deps, link, now, 'declined')).onConflictDoNothing({ target: responses.invitationId }),
    deps.db
      .update(responses)
      .set({ status: 'declined', updatedAt: now })
      .where(and(eq(responses.invitationId, link.invitation.id), eq(responses.status, 'draft'))),
    deps.db
      .update(invitations)
      .set({ status: 'declined', declinedAt: now, lastActivityAt: now })
      .where(and(eq(invitations.id, link.invitation.id), inArray(invitations.status, ['invited', 'opened']))),
  ]);
  return ok(undefined);
}
