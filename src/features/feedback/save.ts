/** Saving and submitting behind a personal link: per-section revisions refuse stale saves, submits keep one opinion per section. */
import { eq, or, sql } from 'drizzle-orm';
import { draftOpinions, invitations, responses } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Fail, type Ok } from '../../lib/result';
import { outboxStatements, type Statement } from '../mail/outbox';
import { feedbackCopyMail } from './confirmation';
import { pendingChangesSql } from './pending';
import { WHOLE_SLOT, type FeedbackChanges } from './schemas';
import { loadSavedFeedback, newResponseRow, roundPhase, unknownSlots, workingValues, type FeedbackLink, type SavedFeedback } from './service';
import { submissionStatements } from './submission';

export type SaveError = 'round_closed' | 'round_not_open' | 'unknown_section' | 'empty' | 'conflict';
/** A slot changed elsewhere since the revision a save was based on: the saved text and the one refused. */
export type SlotConflict = { slot: string; text: string; revision: number; yours: string };
export type SaveFailure = Fail<SaveError> & { conflicts?: SlotConflict[] };
export type SaveReceipt = {
  responseId: string;
  revision: number;
  /** The revision of every slot this save wrote. */
  revisions: Record<string, number>;
  savedAt: Date;
  submitted: boolean;
  emailed: boolean;
  pendingChanges: boolean;
};

/** Slots whose text moved on since the revision the change was based on; a change to the same text is no conflict. */
function conflictsOf(changes: FeedbackChanges, before: SavedFeedback): SlotConflict[] {
  return Object.entries(changes.texts).flatMap(([slot, yours]) => {
    const base = changes.bases?.[slot];
    const text = before.texts[slot] ?? '';
    const revision = before.revisions[slot] ?? 0;
    return base === undefined || base === revision || yours === text ? [] : [{ slot, text, revision, yours }];
  });
}

/**
 * Saves what changed (per slot, so tabs editing different sections never clash) and, on submit, turns the saved
 * work into opinions in the same batch, with the confirmation mail and the invitation's move to `responded`.
 * A text based on an older revision of its slot is refused as a conflict and nothing is saved. Until submitted,
 * saves stay pending: staff read only `opinions` and the response's submitted stance and publication.
 */
export async function saveFeedback(
  deps: Deps,
  link: FeedbackLink,
  changes: FeedbackChanges,
  options: { submit: boolean; linkUrl: string },
): Promise<Ok<SaveReceipt> | SaveFailure> {
  const now = deps.clock();
  const phase = roundPhase(link.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  const unknown = unknownSlots(link, Object.keys(changes.texts));
  if (unknown.length) return fail('unknown_section', Object.fromEntries(unknown.map((slot) => [slot, slot])));

  const before = await loadSavedFeedback(deps, link.invitation.id);
  const conflicts = conflictsOf(changes, before);
  if (conflicts.length) return { ...fail('conflict'), conflicts };
  if (options.submit && isEmptySubmission(link, before, changes)) return fail('empty');
  const responseId = before.response?.id ?? (await ensureResponse(deps, link, now));
  const written = Object.entries(changes.texts).filter(([slot, text]) => text !== (before.texts[slot] ?? ''));
  // Guarded by the revision just read: a different text saved elsewhere in between makes this write a no-op (found below).
  const statements: Statement[] = written.map(([slot, text]) =>
    deps.db
      .insert(draftOpinions)
      .values({ responseId, slot, text, revision: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: [draftOpinions.responseId, draftOpinions.slot],
        set: { text, revision: sql`${draftOpinions.revision} + 1`, updatedAt: now },
        setWhere: or(eq(draftOpinions.revision, before.revisions[slot] ?? 0), eq(draftOpinions.text, text)),
      })
      .returning({ slot: draftOpinions.slot, revision: draftOpinions.revision }),
  );
  const revisionIndex = statements.length;
  statements.push(
    deps.db
      .update(responses)
      .set({
        // Until the first edit through the link the working values are the submitted ones (see workingValues).
        draftStance: changes.stance !== undefined ? changes.stance : sql`CASE WHEN ${responses.draftPublication} IS NULL THEN ${responses.stance} ELSE ${responses.draftStance} END`,
        draftPublication: changes.publication ?? sql`coalesce(${responses.draftPublication}, ${responses.publication})`,
        revision: sql`${responses.revision} + 1`,
        updatedAt: now,
      })
      .where(eq(responses.id, responseId))
      .returning({ revision: responses.revision }),
    deps.db.update(invitations).set({ lastActivityAt: now }).where(eq(invitations.id, link.invitation.id)),
  );

  const mail = options.submit ? await confirmationFor(deps, link, before, changes, now, options.linkUrl) : [];
  if (options.submit) statements.push(...submissionStatements(deps, { ...link, responseId, channel: 'link' }, now));
  const pendingIndex = statements.length;
  statements.push(deps.db.select({ pending: pendingChangesSql(sql`${responseId}`) }).from(responses).where(eq(responses.id, responseId)));
  const mailRows = mail.map((message) => outboxStatements(deps, message));
  const results = await deps.db.batch([...statements, ...mailRows.flatMap((m) => m.statements)] as [Statement, ...Statement[]]);
  await deps.enqueueMail(mailRows.map((m) => m.id));
  const revisions: Record<string, number> = {};
  for (const rows of results.slice(0, revisionIndex) as { slot: string; revision: number }[][]) {
    for (const row of rows) revisions[row.slot] = row.revision;
  }
  // Another save landed between the read above and this batch: that slot was left as it is (the rest was saved).
  const lost = written.filter(([slot]) => revisions[slot] === undefined);
  if (lost.length) {
    const latest = await loadSavedFeedback(deps, link.invitation.id);
    return { ...fail('conflict'), conflicts: lost.map(([slot, yours]) => ({ slot, yours, text: latest.texts[slot] ?? '', revision: latest.revisions[slot] ?? 0 })) };
  }
  const revision = (results[revisionIndex] as { revision: number }[])[0]?.revision ?? 0;
  const pendingChanges = Boolean((results[pendingIndex] as { pending: number }[])[0]?.pending);
  return ok({ responseId, revision, revisions, savedAt: now, submitted: options.submit, emailed: mailRows.length > 0, pendingChanges });
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

