/** Saving and submitting behind a personal link: per-section revisions refuse stale saves, submits keep one opinion per section. */
import { eq, or, sql, type SQL } from 'drizzle-orm';
import { draftOpinions, invitations, responses } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Fail, type Ok } from '../../lib/result';
import { outboxStatements, type Statement } from '../mail/outbox';
import { feedbackCopyMail } from './confirmation';
import { WHOLE_SLOT, type FeedbackChanges } from './schemas';
import { loadSavedFeedback, newResponseRow, roundPhase, savedFeedbackFrom, savedFeedbackQueries, unknownSlots, workingValues, type FeedbackLink, type SavedFeedback } from './service';
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
  /** The saved work as the save left it. */
  saved: SavedFeedback;
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
 * One D1 batch writes it all and reads the saved work back (`saved` in the receipt); `before` spares the read
 * before it when the caller already has the saved work (findLinkWithSaved).
 */
export async function saveFeedback(
  deps: Deps,
  link: FeedbackLink,
  changes: FeedbackChanges,
  options: { submit: boolean; linkUrl: string; before?: SavedFeedback },
): Promise<Ok<SaveReceipt> | SaveFailure> {
  const now = deps.clock();
  const phase = roundPhase(link.round, now);
  if (phase !== 'open') return fail(phase === 'closed' ? 'round_closed' : 'round_not_open');
  const unknown = unknownSlots(link, Object.keys(changes.texts));
  if (unknown.length) return fail('unknown_section', Object.fromEntries(unknown.map((slot) => [slot, slot])));

  const before = options.before ?? (await loadSavedFeedback(deps, link.invitation.id));
  const conflicts = conflictsOf(changes, before);
  if (conflicts.length) return { ...fail('conflict'), conflicts };
  if (options.submit && isEmptySubmission(link, before, changes)) return fail('empty');
  const statements: Statement[] = [];
  // A first save creates the response in the same batch; two tabs doing so at once both end up on the one row.
  if (!before.response) statements.push(deps.db.insert(responses).values(newResponseRow(deps, link, now, 'draft')).onConflictDoNothing({ target: responses.invitationId }));
  const responseId: string | SQL = before.response?.id ?? sql`(SELECT id FROM responses WHERE invitation_id = ${link.invitation.id})`;
  const written = Object.entries(changes.texts).filter(([slot, text]) => text !== (before.texts[slot] ?? ''));
  const draftIndex = statements.length;
  // Guarded by the revision just read: a different text saved elsewhere in between makes this write a no-op (found below).
  for (const [slot, text] of written) {
    statements.push(
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
  }
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
      .where(eq(responses.invitationId, link.invitation.id))
      .returning({ revision: responses.revision }),
    deps.db.update(invitations).set({ lastActivityAt: now }).where(eq(invitations.id, link.invitation.id)),
  );

  const mail = options.submit ? await confirmationFor(deps, link, before, changes, now, options.linkUrl) : [];
  if (options.submit) statements.push(...submissionStatements(deps, { ...link, responseId, channel: 'link' }, now));
  const mailRows = mail.map((message) => outboxStatements(deps, message));
  statements.push(...mailRows.flatMap((m) => m.statements));
  // Read last, inside the same transaction: the saved work as this batch leaves it.
  const savedIndex = statements.length;
  statements.push(...(savedFeedbackQueries(deps.db, link.invitation.id) as unknown as Statement[]));
  const results = await deps.db.batch(statements as [Statement, ...Statement[]]);
  await deps.enqueueMail(mailRows.map((m) => m.id));
  const saved = savedFeedbackFrom(results.slice(savedIndex) as unknown as Parameters<typeof savedFeedbackFrom>[0]);
  const revisions: Record<string, number> = {};
  for (const rows of results.slice(draftIndex, revisionIndex) as { slot: string; revision: number }[][]) {
    for (const row of rows) revisions[row.slot] = row.revision;
  }
  // Another save landed between the read above and this batch: that slot was left as it is (the rest was saved).
  const lost = written.filter(([slot]) => revisions[slot] === undefined);
  if (lost.length) {
    return { ...fail('conflict'), conflicts: lost.map(([slot, yours]) => ({ slot, yours, text: saved.texts[slot] ?? '', revision: saved.revisions[slot] ?? 0 })) };
  }
  const revision = (results[revisionIndex] as { revision: number }[])[0]?.revision ?? 0;
  return ok({ responseId: saved.response!.id, revision, revisions, savedAt: now, submitted: options.submit, emailed: mailRows.length > 0, pendingChanges: saved.pendingChanges, saved });
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

