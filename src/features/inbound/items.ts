/**
 * Inbound items: opinions that arrived outside the feedback page (a filled 意见反馈表 uploaded by staff, a reply by
 * email) kept as found until staff confirm them, and mail that matched nothing. Confirming turns the found opinions
 * into the stakeholder's opinions in the round, channel 邮件 or 书面, and marks the invitation answered.
 */
import { nextOpinionNumber } from '../opinions/numbering';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { inboundItems, invitations, opinions, rounds, roundSections, stakeholders, type InboundOpinion, type InboundSource, type InboundStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { Actor } from '../rounds/service';
import type { Statement } from '../mail/outbox';

export type InboundItem = typeof inboundItems.$inferSelect;
export type InboundInsert = typeof inboundItems.$inferInsert;

/** Statuses staff still have to act on. */
export const OPEN_STATUSES: InboundStatus[] = ['pending', 'unmatched'];

export function newItem(deps: Deps, fields: Omit<InboundInsert, 'id' | 'createdAt' | 'found' | 'unplaced' | 'files'> & Partial<Pick<InboundInsert, 'found' | 'unplaced' | 'files'>>): InboundInsert {
  return { id: deps.newId(), createdAt: deps.clock(), found: [], unplaced: [], files: [], ...fields };
}

export async function saveItem(deps: Deps, item: InboundInsert): Promise<InboundItem> {
  const [row] = await deps.db.insert(inboundItems).values(item).returning();
  return row!;
}

export async function findItem(deps: Deps, id: string): Promise<InboundItem | null> {
  return (await deps.db.select().from(inboundItems).where(eq(inboundItems.id, id)).get()) ?? null;
}

/** Words looked for in what an item says: subject, sender, the opinions found and the text of attached documents. */
function mentions(q: string) {
  const columns = [inboundItems.subject, inboundItems.fromAddress, inboundItems.found, inboundItems.unplaced, inboundItems.attachmentText];
  return or(...columns.map((column) => sql`instr(lower(${column}), lower(${q})) > 0`));
}

export type ItemFilter = { roundId?: string; statuses?: InboundStatus[]; sources?: InboundSource[]; q?: string; limit?: number };

export async function listItems(deps: Deps, filter: ItemFilter = {}): Promise<InboundItem[]> {
  const where = [
    filter.roundId ? eq(inboundItems.roundId, filter.roundId) : undefined,
    filter.sources?.length ? inArray(inboundItems.source, filter.sources) : undefined,
    filter.statuses?.length ? inArray(inboundItems.status, filter.statuses) : undefined,
    filter.q ? mentions(filter.q) : undefined,
  ].filter((w) => w !== undefined);
  return deps.db
    .select()
    .from(inboundItems)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(inboundItems.receivedAt), asc(inboundItems.id))
    .limit(filter.limit ?? -1);
}

export type ConfirmError = 'not_found' | 'not_pending';

/**
 * Confirms a pending item: claimed with `UPDATE … WHERE status = 'pending'` so that two clicks confirm once, then
 * its opinions written in one batch with the invitation's move to `responded` and the audit entry.
 */
export async function confirmItem(deps: Deps, actor: Actor, id: string): Promise<Result<{ opinionIds: string[] }, ConfirmError>> {
  const now = deps.clock();
  const [claimed] = await deps.db
    .update(inboundItems)
    .set({ status: 'confirmed', confirmedAt: now, confirmedByStaffId: actor?.id ?? null })
    .where(and(eq(inboundItems.id, id), eq(inboundItems.status, 'pending')))
    .returning();
  if (!claimed) return fail((await findItem(deps, id)) ? 'not_pending' : 'not_found');
  try {
    const opinionIds = await writeOpinions(deps, actor, claimed);
    return ok({ opinionIds });
  } catch (error) {
    await deps.db.update(inboundItems).set({ status: 'pending', confirmedAt: null, confirmedByStaffId: null }).where(eq(inboundItems.id, id));
    throw error;
  }
}

async function writeOpinions(deps: Deps, actor: Actor, item: InboundItem): Promise<string[]> {
  if (!item.roundId || !item.stakeholderId) return [];
  const now = deps.clock();
  const person = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, item.stakeholderId)).get();
  // Sections are checked again: a revised draft may have dropped one since the item was read.
  const known = new Set(
    (await deps.db.select({ id: roundSections.id }).from(roundSections).where(eq(roundSections.roundId, item.roundId))).map((s) => s.id),
  );
  const found: InboundOpinion[] = item.found.map((o) => (o.sectionId && !known.has(o.sectionId) ? { ...o, sectionId: null, text: `${o.label}：${o.text}` } : o));
  const ids = found.map(() => deps.newId());
  const statements: Statement[] = found.map((o, i) =>
    deps.db.insert(opinions).values({
      id: ids[i]!,
      roundId: item.roundId!,
      // One statement per opinion in the batch: each reads the numbers the ones before it took.
      number: nextOpinionNumber(item.roundId!),
      sectionId: o.sectionId,
      stakeholderId: item.stakeholderId,
      authorName: person?.name ?? '',
      authorOrganization: person?.organization ?? '',
      authorCategory: person?.category ?? null,
      channel: item.source === 'email' ? 'email' : 'letter',
      heardAt: item.receivedAt,
      text: o.text,
      loggedByStaffId: actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  if (item.invitationId) {
    statements.push(
      deps.db
        .update(invitations)
        .set({ status: 'responded', respondedAt: now, lastActivityAt: now })
        .where(and(eq(invitations.id, item.invitationId), inArray(invitations.status, ['invited', 'opened', 'declined']))),
    );
  }
  statements.push(
    auditStatement(deps, { actor, action: 'inbound.confirm', entityType: 'inbound_item', entityId: item.id, detail: { roundId: item.roundId, opinions: ids.length, source: item.source } }),
  );
  await deps.db.batch(statements as [Statement, ...Statement[]]);
  return ids;
}

export async function roundExists(deps: Deps, roundId: string) {
  return (await deps.db.select().from(rounds).where(eq(rounds.id, roundId)).get()) ?? null;
}
