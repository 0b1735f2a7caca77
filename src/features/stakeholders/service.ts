/** Stakeholder use cases: create, update, bulk tag/untag/archive (erasure is in erasure.ts). Each change and its audit entry in one batch. */
import { eq } from 'drizzle-orm';
import { stakeholders, stakeholderTags, type StakeholderSource } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Fail, type Result } from '../../lib/result';
import type { CurrentStaff } from '../auth/guard';
import { auditStatement } from '../audit/audit';
import type { Statement } from '../mail/outbox';
import { emailClash, findLiveStakeholders, findStakeholder } from './queries';
import { buildSearchText, normalizeEmail, normalizePhone, type StakeholderInput } from './schemas';
import { deleteTag, insertTags, setArchived, setSearchText } from './statements';

export type Actor = Pick<CurrentStaff, 'id' | 'email'> | null;
export type EmailTaken = Fail<'email_taken'> & { clash: { id: string; name: string } };

export const BULK_ACTIONS = ['tag', 'untag', 'archive', 'unarchive'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** A page shows 50; scripts may send more, but not without bound. */
export const BULK_MAX_IDS = 1000;

/** The columns a stakeholder's input sets, with the derived ones kept in step. */
export function stakeholderColumns(input: StakeholderInput) {
  const emailNormalized = normalizeEmail(input.email);
  return {
    name: input.name,
    organization: input.organization,
    title: input.title,
    category: input.category,
    email: input.email,
    emailNormalized,
    phone: input.phone,
    phoneNormalized: normalizePhone(input.phone),
    notes: input.notes,
    consent: input.consent,
    searchText: buildSearchText(input),
  };
}

function tagStatements(deps: Deps, id: string, tags: readonly string[]): Statement[] {
  return tags.length ? [deps.db.insert(stakeholderTags).values(tags.map((tag) => ({ stakeholderId: id, tag })))] : [];
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/i.test(`${error.message} ${String(error.cause ?? '')}`);
}

async function emailTaken(deps: Deps, emailNormalized: string | null, exceptId?: string): Promise<EmailTaken | null> {
  const clash = await emailClash(deps, emailNormalized, exceptId);
  return clash ? { ...fail('email_taken'), clash } : null;
}

export async function createStakeholder(
  deps: Deps,
  actor: Actor,
  input: StakeholderInput,
  source: StakeholderSource = 'manual',
): Promise<Result<{ id: string }> | EmailTaken> {
  const columns = stakeholderColumns(input);
  const taken = await emailTaken(deps, columns.emailNormalized);
  if (taken) return taken;
  const id = deps.newId();
  const now = deps.clock();
  try {
    await deps.db.batch([
      deps.db.insert(stakeholders).values({ id, ...columns, source, createdAt: now, updatedAt: now }),
      ...tagStatements(deps, id, input.tags),
      auditStatement(deps, { actor, action: 'stakeholder.create', entityType: 'stakeholder', entityId: id, detail: { source } }),
    ]);
  } catch (error) {
    // Two requests raced for the same address: the unique index decided.
    if (isUniqueViolation(error)) return (await emailTaken(deps, columns.emailNormalized)) ?? Promise.reject(error);
    throw error;
  }
  return ok({ id });
}

export async function updateStakeholder(
  deps: Deps,
  actor: Actor,
  id: string,
  input: StakeholderInput,
): Promise<Result<{ id: string }, 'not_found'> | EmailTaken> {
  const existing = await findStakeholder(deps, id);
  if (!existing || existing.erasedAt) return fail('not_found');
  const columns = stakeholderColumns(input);
  const taken = await emailTaken(deps, columns.emailNormalized, id);
  if (taken) return taken;
  const changed: string[] = (Object.keys(columns) as (keyof typeof columns)[]).filter((key) => key !== 'searchText' && columns[key] !== existing[key]);
  if (existing.tags.join('\n') !== [...input.tags].sort().join('\n')) changed.push('tags');
  try {
    await deps.db.batch([
      deps.db.update(stakeholders).set({ ...columns, updatedAt: deps.clock() }).where(eq(stakeholders.id, id)),
      deps.db.delete(stakeholderTags).where(eq(stakeholderTags.stakeholderId, id)),
      ...tagStatements(deps, id, input.tags),
      auditStatement(deps, { actor, action: 'stakeholder.update', entityType: 'stakeholder', entityId: id, detail: { fields: changed } }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return (await emailTaken(deps, columns.emailNormalized, id)) ?? Promise.reject(error);
    throw error;
  }
  return ok({ id });
}

export type BulkRequest = { ids: string[]; action: BulkAction; tag: string };

/** One change to many stakeholders; erased ones are left alone. Returns how many were touched. */
export async function bulkUpdateStakeholders(deps: Deps, actor: Actor, request: BulkRequest): Promise<Result<{ count: number }>> {
  const ids = [...new Set(request.ids)].slice(0, BULK_MAX_IDS);
  const live = await findLiveStakeholders(deps, ids);
  if (live.length === 0) return ok({ count: 0 });
  const now = deps.clock();
  const liveIds = live.map((s) => s.id);
  const statements: Statement[] = [];
  if (request.action === 'tag' || request.action === 'untag') {
    const { tag } = request;
    const withTag = (tags: string[]) => (request.action === 'tag' ? [...new Set([...tags, tag])] : tags.filter((t) => t !== tag));
    if (request.action === 'tag') statements.push(...insertTags(deps, liveIds.map((stakeholderId) => ({ stakeholderId, tag }))));
    else statements.push(...deleteTag(deps, liveIds, tag));
    statements.push(...setSearchText(deps, live.map((s) => ({ id: s.id, searchText: buildSearchText({ ...s, tags: withTag(s.tags) }) })), now));
  } else {
    statements.push(...setArchived(deps, liveIds, request.action === 'archive' ? now : null, now));
  }
  statements.push(
    auditStatement(deps, {
      actor,
      action: `stakeholder.bulk_${request.action}`,
      entityType: 'stakeholder',
      detail: { ids: liveIds, ...(request.tag ? { tag: request.tag } : {}) },
    }),
  );
  await deps.db.batch(statements as [Statement, ...Statement[]]);
  return ok({ count: liveIds.length });
}
