/** Dispositions: set one, set many at once, keep the history of every change; redact what is published. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { opinionHistory, opinions, staffUsers, type Disposition } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import type { Statement } from '../mail/outbox';
import { changesOfRound, LEADS_TO_CHANGES, linkedChanges, relinkStatements, unlinkStatements } from './change-links';
import { replyRequired, type DispositionChange } from './schemas';

export type Actor = Pick<CurrentStaff, 'id' | 'email'> | null;
export type OpinionRow = typeof opinions.$inferSelect;
export type DispositionError = 'not_found' | 'reply_required' | 'unknown_opinion' | 'unknown_change' | 'changes_need_adoption';

type Outcome = { disposition: Disposition; reply: string; assignee: string };

const LOOKUP_CHUNK = 90;
const HISTORY_COLUMNS = 11;

/**
 * What an opinion holds after a change. Left-out fields keep their value; setting "pending" clears nothing (an
 * empty reply or assignee keeps the current one); in a bulk change an empty assignee keeps each opinion's own.
 */
function outcomeOf(current: OpinionRow, change: DispositionChange, bulk: boolean): Outcome {
  const pending = change.disposition === 'pending';
  const keepReply = change.reply === undefined || (pending && change.reply === '');
  const keepAssignee = change.assignee === undefined || ((pending || bulk) && change.assignee === '');
  return {
    disposition: change.disposition,
    reply: keepReply ? current.reply : change.reply!,
    assignee: keepAssignee ? current.assignee : change.assignee!,
  };
}

const unchanged = (o: OpinionRow, next: Outcome) => o.disposition === next.disposition && o.reply === next.reply && o.assignee === next.assignee;

/** The update and history rows of a set of opinions moving to their outcomes, to run in one batch. */
function changeStatements(deps: Deps, actor: Actor, moves: { opinion: OpinionRow; next: Outcome }[]): Statement[] {
  const now = deps.clock();
  const statements: Statement[] = [];
  // Opinions that end up alike share one UPDATE … WHERE id IN (…).
  const byOutcome = new Map<string, { next: Outcome; ids: string[] }>();
  for (const { opinion, next } of moves) {
    const key = JSON.stringify(next);
    const entry = byOutcome.get(key) ?? { next, ids: [] };
    entry.ids.push(opinion.id);
    byOutcome.set(key, entry);
  }
  for (const { next, ids } of byOutcome.values()) {
    for (const part of chunk(ids, LOOKUP_CHUNK)) {
      statements.push(
        deps.db
          .update(opinions)
          .set({ ...next, dispositionByStaffId: actor?.id ?? null, dispositionAt: now, updatedAt: now })
          .where(inArray(opinions.id, part)),
      );
    }
  }
  const history = moves.map(({ opinion, next }) => ({
    id: deps.newId(),
    opinionId: opinion.id,
    staffId: actor?.id ?? null,
    fromDisposition: opinion.disposition,
    toDisposition: next.disposition,
    fromReply: opinion.reply,
    toReply: next.reply,
    fromAssignee: opinion.assignee,
    toAssignee: next.assignee,
    createdAt: now,
  }));
  for (const rows of chunk(history, rowsPerStatement(HISTORY_COLUMNS))) statements.push(deps.db.insert(opinionHistory).values(rows));
  return statements;
}

/** One D1 batch: one transaction, all or nothing. */
async function runBatch(deps: Deps, statements: Statement[]): Promise<void> {
  await deps.db.batch(statements as [Statement, ...Statement[]]);
}

export async function findOpinion(deps: Deps, id: string): Promise<OpinionRow | null> {
  return (await deps.db.select().from(opinions).where(eq(opinions.id, id)).get()) ?? null;
}

/**
 * One opinion's disposition, reply and assignee, and the changes that carry it out; the history row and the audit
 * entry in the same batch. A disposition that is not (partly) adopted drops the opinion's links to changes.
 */
export async function setDisposition(deps: Deps, actor: Actor, opinionId: string, change: DispositionChange): Promise<Result<OpinionRow, DispositionError>> {
  const opinion = await findOpinion(deps, opinionId);
  if (!opinion) return fail('not_found');
  const next = outcomeOf(opinion, change, false);
  if (replyRequired(next.disposition) && !next.reply.trim()) return fail('reply_required');
  const leads = LEADS_TO_CHANGES.includes(next.disposition);
  if (change.changes?.length && !leads) return fail('changes_need_adoption');
  if (change.changes && !(await changesOfRound(deps, opinion.roundId, change.changes))) return fail('unknown_change');
  const current = (await linkedChanges(deps, [opinion.id])).get(opinion.id) ?? [];
  const links = change.changes ?? (leads ? current : []);
  const linksChanged = links.length !== current.length || links.some((id) => !current.includes(id));
  const outcomeChanged = !unchanged(opinion, next);
  if (!outcomeChanged && !linksChanged) return ok(opinion);
  await runBatch(deps, [
    ...(outcomeChanged ? changeStatements(deps, actor, [{ opinion, next }]) : []),
    ...(linksChanged ? relinkStatements(deps, opinion.id, links) : []),
    auditStatement(deps, {
      actor,
      action: 'opinion.disposition',
      entityType: 'opinion',
      entityId: opinion.id,
      detail: { roundId: opinion.roundId, from: opinion.disposition, to: next.disposition, assignee: next.assignee, ...(linksChanged ? { changes: links.length } : {}) },
    }),
  ]);
  return ok({ ...opinion, ...next });
}

/**
 * One disposition, reply and assignee for many opinions of a round, all or nothing: an id that is not an opinion of
 * this round, or a missing reply, changes none of them.
 */
export async function bulkSetDisposition(
  deps: Deps,
  actor: Actor,
  roundId: string,
  opinionIds: string[],
  change: DispositionChange,
): Promise<Result<{ updated: number }, DispositionError>> {
  const ids = [...new Set(opinionIds)];
  const found: OpinionRow[] = [];
  for (const part of chunk(ids, LOOKUP_CHUNK)) {
    found.push(...(await deps.db.select().from(opinions).where(and(eq(opinions.roundId, roundId), inArray(opinions.id, part)))));
  }
  if (found.length !== ids.length || ids.length === 0) return fail('unknown_opinion');
  const moves = found.map((opinion) => ({ opinion, next: outcomeOf(opinion, change, true) }));
  if (moves.some(({ next }) => replyRequired(next.disposition) && !next.reply.trim())) return fail('reply_required');
  const changing = moves.filter(({ opinion, next }) => !unchanged(opinion, next));
  if (changing.length === 0) return ok({ updated: 0 });
  await runBatch(deps, [
    ...changeStatements(deps, actor, changing),
    ...(LEADS_TO_CHANGES.includes(change.disposition) ? [] : unlinkStatements(deps, changing.map((m) => m.opinion.id))),
    auditStatement(deps, {
      actor,
      action: 'opinion.bulk_disposition',
      entityType: 'round',
      entityId: roundId,
      detail: { count: changing.length, to: change.disposition, opinionIds: changing.map((m) => m.opinion.id).slice(0, 50) },
    }),
  ]);
  return ok({ updated: changing.length });
}

export type HistoryEntry = typeof opinionHistory.$inferSelect & { staffName: string | null };

/** Every change of one opinion, oldest first, with the name of who made it. */
export async function opinionHistoryOf(deps: Deps, opinionId: string): Promise<HistoryEntry[]> {
  const rows = await deps.db
    .select({ entry: opinionHistory, staffName: staffUsers.name })
    .from(opinionHistory)
    .leftJoin(staffUsers, eq(staffUsers.id, opinionHistory.staffId))
    .where(eq(opinionHistory.opinionId, opinionId))
    .orderBy(asc(opinionHistory.createdAt), asc(opinionHistory.id));
  return rows.map((r) => ({ ...r.entry, staffName: r.staffName }));
}

/**
 * The text the public page shows instead of the original (personal data, insults removed). The original is never
 * touched; an empty text withdraws the redaction.
 */
export async function setRedaction(deps: Deps, actor: Actor, opinionId: string, redactedText: string): Promise<Result<void, 'not_found'>> {
  const opinion = await findOpinion(deps, opinionId);
  if (!opinion) return fail('not_found');
  const now = deps.clock();
  const text = redactedText.trim() ? redactedText : null;
  await deps.db.batch([
    deps.db
      .update(opinions)
      .set({ redactedText: text, redactedByStaffId: text ? (actor?.id ?? null) : null, redactedAt: text ? now : null, updatedAt: now })
      .where(eq(opinions.id, opinion.id)),
    auditStatement(deps, { actor, action: text ? 'opinion.redact' : 'opinion.unredact', entityType: 'opinion', entityId: opinion.id, detail: { roundId: opinion.roundId } }),
  ]);
  return ok(undefined);
}
