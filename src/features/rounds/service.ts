/** Round use cases: create, edit, open, close, copy; the round as pages and the API see it. */
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { draftVersions, rounds, roundSections, type RoundAudience } from '../../db/schema';
import { DAY_MS } from '../../lib/clock';
import { roundFigures } from '../summaries/figures-cache';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import type { Statement } from '../mail/outbox';
import { MIN_COMMENT_PERIOD_MS, type OpenRoundChange, type RoundInput } from './schemas';
import { DRAFT_MAX_SECTIONS, splitDraft, type DraftSection, type SplitFix } from './split-draft';

export type Actor = Pick<CurrentStaff, 'id' | 'email'> | null;
export type RoundRow = typeof rounds.$inferSelect;
export type SectionRow = typeof roundSections.$inferSelect;
export type RoundWithSections = RoundRow & { sections: SectionRow[] };

/** A copied round starts as a draft with a fresh comment period of the usual length. */
const COPY_PERIOD_MS = 30 * DAY_MS;
const SECTION_COLUMNS = 9;

export type RoundError =
  | 'not_found'
  | 'not_draft'
  | 'round_closed'
  | 'too_many_sections'
  | 'reason_required'
  | 'already_closed'
  | 'closes_in_past'
  | 'opens_in_past'
  | 'not_scheduled';

export async function findRound(deps: Deps, id: string): Promise<RoundRow | null> {
  return (await deps.db.select().from(rounds).where(eq(rounds.id, id)).get()) ?? null;
}

export async function loadRound(deps: Deps, id: string): Promise<RoundWithSections | null> {
  const [found, sections] = await deps.db.batch([
    deps.db.select().from(rounds).where(eq(rounds.id, id)),
    deps.db.select().from(roundSections).where(eq(roundSections.roundId, id)).orderBy(asc(roundSections.position)),
  ]);
  return found[0] ? { ...found[0], sections } : null;
}

export async function listRounds(deps: Deps) {
  const rows = await deps.db.select().from(rounds).orderBy(desc(rounds.createdAt));
  if (rows.length === 0) return [];
  const figures = await roundFigures(deps, rows.map((r) => r.id));
  return rows.map((round) => {
    const f = figures.get(round.id)!;
    return { round, counts: { invited: f.invited, heard: f.heardInvited, responseRate: f.responseRate, opinions: f.opinions.total } };
  });
}

/** Splits the draft; too many sections is the organizer's to fix, so it is a field error, not a crash. */
export function previewSections(draft: string, fixes: SplitFix[] = []): Result<{ title: string | null; sections: DraftSection[] }, 'too_many_sections'> {
  const split = splitDraft(draft, fixes);
  if (split.sections.length > DRAFT_MAX_SECTIONS) return fail('too_many_sections');
  return ok(split);
}

/** Section rows for a (re-)split draft; a key that existed before keeps its id, so links to it stay valid. */
function sectionStatements(deps: Deps, roundId: string, sections: DraftSection[], keptIds: Map<string, string>): Statement[] {
  const rows = sections.map((s) => ({
    id: keptIds.get(s.key) ?? deps.newId(),
    roundId,
    key: s.key,
    parentKey: s.parentKey,
    depth: s.depth,
    number: s.number,
    heading: s.heading,
    body: s.body,
    position: s.position,
  }));
  return chunk(rows, rowsPerStatement(SECTION_COLUMNS)).map((part) => deps.db.insert(roundSections).values(part));
}

export async function createRound(deps: Deps, actor: Actor, input: RoundInput, previousRoundId: string | null = null): Promise<Result<{ id: string }, 'too_many_sections'>> {
  const split = previewSections(input.draft, input.splitFixes);
  if (!split.ok) return split;
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.batch([
    deps.db.insert(rounds).values({
      id,
      title: input.title,
      purpose: input.purpose,
      draftSource: input.draft,
      draftTitle: split.value.title,
      splitFixes: input.splitFixes?.length ? input.splitFixes : null,
      status: 'draft',
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactAddress: input.contactAddress,
      audience: input.audience,
      previousRoundId,
      createdByStaffId: actor?.id ?? null,
      createdAt: now,
      updatedAt: now,
    }),
    ...sectionStatements(deps, id, split.value.sections, new Map()),
    auditStatement(deps, { actor, action: previousRoundId ? 'round.copy' : 'round.create', entityType: 'round', entityId: id, detail: { title: input.title, previousRoundId } }),
  ]);
  return ok({ id });
}

/** A draft round: everything may change; the sections are split again (ids kept per key). */
export async function updateDraftRound(deps: Deps, actor: Actor, id: string, input: RoundInput): Promise<Result<void, RoundError>> {
  const round = await loadRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status !== 'draft') return fail('not_draft');
  const split = previewSections(input.draft, input.splitFixes);
  if (!split.ok) return split;
  const keptIds = new Map(round.sections.map((s) => [s.key, s.id]));
  const [updated] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({
        title: input.title,
        purpose: input.purpose,
        draftSource: input.draft,
        draftTitle: split.value.title,
        splitFixes: input.splitFixes?.length ? input.splitFixes : null,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        contactAddress: input.contactAddress,
        audience: input.audience,
        // A changed round must be scheduled again: the organizer confirms the new dates and period.
        scheduledAt: null,
        updatedAt: deps.clock(),
      })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'draft')))
      .returning({ id: rounds.id }),
    deps.db.delete(roundSections).where(eq(roundSections.roundId, id)),
    ...sectionStatements(deps, id, split.value.sections, keptIds),
    auditStatement(deps, { actor, action: 'round.update', entityType: 'round', entityId: id, detail: { title: input.title } }),
  ]);
  if (updated.length === 0) return fail('not_draft');
  return ok(undefined);
}

/** An open round: only the close date and the contact person may change. */
export async function updateOpenRound(deps: Deps, actor: Actor, id: string, change: OpenRoundChange): Promise<Result<void, RoundError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status === 'closed') return fail('round_closed');
  if (round.status === 'draft') return fail('not_draft');
  if (change.closesAt.getTime() <= deps.clock().getTime()) return fail('closes_in_past');
  await deps.db.batch([
    deps.db.update(rounds).set({ ...change, updatedAt: deps.clock() }).where(and(eq(rounds.id, id), eq(rounds.status, 'open'))),
    auditStatement(deps, { actor, action: 'round.update', entityType: 'round', entityId: id, detail: { closesAt: change.closesAt.toISOString() } }),
  ]);
  return ok(undefined);
}

/** The comment period as it will really be: from now if the round opens late, from opensAt if it opens early. */
export function commentPeriodMs(round: Pick<RoundRow, 'opensAt' | 'closesAt'>, now: Date): number {
  return round.closesAt.getTime() - Math.max(round.opensAt.getTime(), now.getTime());
}

export function needsShortPeriodReason(round: Pick<RoundRow, 'opensAt' | 'closesAt'>, now: Date): boolean {
  return commentPeriodMs(round, now) < MIN_COMMENT_PERIOD_MS;
}

/** The planned period in whole days when it is shorter than the usual minimum (a warning on save); null otherwise. */
export function shortPlannedDays(round: Pick<RoundRow, 'opensAt' | 'closesAt'>): number | null {
  const ms = round.closesAt.getTime() - round.opensAt.getTime();
  return ms < MIN_COMMENT_PERIOD_MS ? Math.max(0, Math.floor(ms / DAY_MS)) : null;
}

/** Opens a draft round by hand, now. A period shorter than 30 days needs a reason, which is kept. */
export async function openRound(deps: Deps, actor: Actor, id: string, shortPeriodReason: string): Promise<Result<void, RoundError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status !== 'draft') return fail(round.status === 'closed' ? 'round_closed' : 'not_draft');
  const now = deps.clock();
  if (round.closesAt.getTime() <= now.getTime()) return fail('closes_in_past');
  const needsReason = needsShortPeriodReason(round, now);
  if (needsReason && !shortPeriodReason) return fail('reason_required');
  const [opened] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({
        status: 'open',
        openedAt: now,
        // Opened by hand before its planned time: it is open from now on.
        opensAt: round.opensAt.getTime() > now.getTime() ? now : round.opensAt,
        shortPeriodReason: needsReason ? shortPeriodReason : null,
        updatedAt: now,
      })
      .where(and(eq(rounds.id, id), eq(rounds.status, 'draft')))
      .returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.open', entityType: 'round', entityId: id, detail: needsReason ? { shortPeriodReason } : {} }),
  ]);
  return opened.length ? ok(undefined) : fail('not_draft');
}

export async function closeRound(deps: Deps, actor: Actor, id: string): Promise<Result<void, RoundError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  if (round.status === 'closed') return fail('already_closed');
  const now = deps.clock();
  const [closed] = await deps.db.batch([
    deps.db
      .update(rounds)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(and(eq(rounds.id, id), eq(rounds.status, round.status)))
      .returning({ id: rounds.id }),
    auditStatement(deps, { actor, action: 'round.close', entityType: 'round', entityId: id }),
  ]);
  return closed.length ? ok(undefined) : fail('already_closed');
}

/** Cron: open rounds whose close time has passed are closed; the UPDATE's WHERE makes overlapping runs harmless. */
export async function closeDueRounds(deps: Deps): Promise<string[]> {
  const now = deps.clock();
  const closed = await deps.db
    .update(rounds)
    .set({ status: 'closed', closedAt: now, updatedAt: now })
    .where(and(eq(rounds.status, 'open'), lte(rounds.closesAt, now)))
    .returning({ id: rounds.id });
  if (closed.length) {
    await deps.db.batch(
      closed.map((r) => auditStatement(deps, { actor: null, action: 'round.close', entityType: 'round', entityId: r.id, detail: { by: 'clock' } })) as [Statement, ...Statement[]],
    );
  }
  return closed.map((r) => r.id);
}

/**
 * The next round: it starts from the latest version of the draft (the one revised with this round's opinions),
 * with the same audience and contact, as a fresh draft round to edit.
 */
export async function copyRound(deps: Deps, actor: Actor, id: string): Promise<Result<{ id: string }, RoundError>> {
  const round = await findRound(deps, id);
  if (!round) return fail('not_found');
  const latest = await deps.db.select().from(draftVersions).where(eq(draftVersions.roundId, round.id)).orderBy(desc(draftVersions.number)).get();
  const now = deps.clock();
  const audience: RoundAudience = { categories: round.audience.categories ?? [], tags: round.audience.tags ?? [], stakeholderIds: round.audience.stakeholderIds ?? [] };
  return createRound(
    deps,
    actor,
    {
      title: round.title,
      purpose: round.purpose,
      draft: latest?.source ?? round.draftSource,
      splitFixes: (latest ? latest.splitFixes : round.splitFixes) ?? [],
      opensAt: now,
      closesAt: new Date(now.getTime() + COPY_PERIOD_MS),
      contactName: round.contactName,
      contactPhone: round.contactPhone,
      contactAddress: round.contactAddress,
      audience,
    },
    round.id,
  );
}

export async function sectionsByIds(deps: Deps, roundId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return deps.db.select().from(roundSections).where(and(eq(roundSections.roundId, roundId), inArray(roundSections.id, ids)));
}

/** The round as the API returns it. */
export function roundJson(round: RoundWithSections) {
  const idByKey = new Map(round.sections.map((s) => [s.key, s.id]));
  return {
    id: round.id,
    title: round.title,
    purpose: round.purpose,
    status: round.status,
    draftTitle: round.draftTitle,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    scheduledAt: round.scheduledAt?.toISOString() ?? null,
    openedAt: round.openedAt?.toISOString() ?? null,
    closedAt: round.closedAt?.toISOString() ?? null,
    contact: { name: round.contactName, phone: round.contactPhone, address: round.contactAddress },
    shortPeriodReason: round.shortPeriodReason,
    audience: round.audience,
    feedbackFormAttachment: round.feedbackFormAttachment,
    previousRoundId: round.previousRoundId,
    hasOpenLink: round.openLinkTokenHash !== null,
    createdAt: round.createdAt.toISOString(),
    sections: round.sections.map((s) => ({
      id: s.id,
      key: s.key,
      number: s.number,
      heading: s.heading,
      body: s.body,
      depth: s.depth,
      position: s.position,
      parentId: s.parentKey ? (idByKey.get(s.parentKey) ?? null) : null,
    })),
  };
}
