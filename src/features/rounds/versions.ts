/**
 * Versions of a round's draft: revise it into a new version whose surviving units keep their ids, list versions,
 * and compare any two unit by unit. Version 1 is the draft the round was created with (`round_sections`).
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import { chunk, rowsPerStatement } from '../../db/client';
import { draftChanges, draftVersions, versionSections, type ChangeKind } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { Statement } from '../mail/outbox';
import { matchSections } from './match-sections';
import { loadRound, previewSections, type Actor, type RoundWithSections } from './service';
import type { SplitFix } from './split-draft';

export type VersionUnit = { id: string; key: string; parentKey: string | null; depth: number; number: string; heading: string; body: string; position: number };
export type Version = { number: number; title: string | null; createdAt: Date; sections: VersionUnit[] };
export type ChangeRow = typeof draftChanges.$inferSelect;
export type VersionError = 'not_found' | 'too_many_sections' | 'version_not_found';

const VERSION_SECTION_COLUMNS = 9;

const unitOf = (s: VersionUnit): VersionUnit => ({ id: s.id, key: s.key, parentKey: s.parentKey, depth: s.depth, number: s.number, heading: s.heading, body: s.body, position: s.position });

export async function listVersions(deps: Deps, round: RoundWithSections): Promise<Omit<Version, 'sections'>[]> {
  const rows = await deps.db.select().from(draftVersions).where(eq(draftVersions.roundId, round.id)).orderBy(asc(draftVersions.number));
  return [{ number: 1, title: round.draftTitle, createdAt: round.createdAt }, ...rows.map((r) => ({ number: r.number, title: r.title, createdAt: r.createdAt }))];
}

export async function loadVersion(deps: Deps, round: RoundWithSections, number: number): Promise<Version | null> {
  if (number === 1) return { number: 1, title: round.draftTitle, createdAt: round.createdAt, sections: round.sections.map(unitOf) };
  const row = await deps.db.select().from(draftVersions).where(and(eq(draftVersions.roundId, round.id), eq(draftVersions.number, number))).get();
  if (!row) return null;
  const units = await deps.db.select().from(versionSections).where(eq(versionSections.versionId, row.id)).orderBy(asc(versionSections.position));
  return { number, title: row.title, createdAt: row.createdAt, sections: units.map((u) => unitOf({ ...u, id: u.sectionId })) };
}

export async function latestVersion(deps: Deps, round: RoundWithSections): Promise<Version> {
  const last = await deps.db.select({ number: draftVersions.number }).from(draftVersions).where(eq(draftVersions.roundId, round.id)).orderBy(desc(draftVersions.number)).get();
  return (await loadVersion(deps, round, last?.number ?? 1))!;
}

/** A revised draft becomes the next version; units matched to the latest version keep their ids; one batch. */
export async function reviseDraft(deps: Deps, actor: Actor, roundId: string, input: { draft: string; splitFixes?: SplitFix[] }): Promise<Result<{ version: Version; changes: ChangeRow[] }, VersionError>> {
  const round = await loadRound(deps, roundId);
  if (!round) return fail('not_found');
  const split = previewSections(input.draft, input.splitFixes);
  if (!split.ok) return split;
  const previous = await latestVersion(deps, round);
  const match = matchSections(previous.sections, split.value.sections);
  const ids = match.after.map((m) => m.keptId ?? deps.newId());
  const number = previous.number + 1;
  const now = deps.clock();
  const versionId = deps.newId();
  const changes: ChangeRow[] = [];
  const change = (kind: ChangeKind, beforeSectionId: string | null, afterSectionId: string | null) =>
    changes.push({ id: deps.newId(), roundId, versionNumber: number, kind, beforeSectionId, afterSectionId, createdAt: now });
  match.after.forEach((m, i) => {
    if (m.kind) change(m.kind, m.keptId ?? m.fromId, ids[i]!);
  });
  for (const gone of match.removed) change('removed', gone.id, gone.intoIndex === null ? null : ids[gone.intoIndex]!);

  const units = split.value.sections.map((s, i) => ({ versionId, sectionId: ids[i]!, key: s.key, parentKey: s.parentKey, depth: s.depth, number: s.number, heading: s.heading, body: s.body, position: s.position }));
  const statements: Statement[] = [
    deps.db.insert(draftVersions).values({ id: versionId, roundId, number, source: input.draft, title: split.value.title, splitFixes: input.splitFixes?.length ? input.splitFixes : null, createdByStaffId: actor?.id ?? null, createdAt: now }),
    ...chunk(units, rowsPerStatement(VERSION_SECTION_COLUMNS)).map((part) => deps.db.insert(versionSections).values(part)),
    ...chunk(changes, rowsPerStatement(7)).map((part) => deps.db.insert(draftChanges).values(part)),
    auditStatement(deps, { actor, action: 'round.revise', entityType: 'round', entityId: roundId, detail: { version: number, changes: changes.length } }),
  ];
  await deps.db.batch(statements as [Statement, ...Statement[]]);
  return ok({ version: { number, title: split.value.title, createdAt: now, sections: units.map((u) => unitOf({ ...u, id: u.sectionId })) }, changes });
}

export type DiffKind = ChangeKind | 'unchanged';
export type DiffEntry = { sectionId: string; key: string; label: string; heading: string; change: DiffKind; before: string | null; after: string | null; changeId: string | null };

const fullText = (u: VersionUnit) => [u.heading, u.body].filter(Boolean).join('\n');

/**
 * Unit by unit from version `a` to version `b`, in the order of `b` with removed units after the unit before them.
 * Ids carry across versions, so two units are the same unit when their ids are; the change named is the latest
 * recorded on that unit between the two versions.
 */
export async function diffVersions(deps: Deps, round: RoundWithSections, a: number, b: number): Promise<Result<DiffEntry[], VersionError>> {
  const [from, to] = await Promise.all([loadVersion(deps, round, a), loadVersion(deps, round, b)]);
  if (!from || !to) return fail('version_not_found');
  const [low, high] = a < b ? [a, b] : [b, a];
  const recorded = await deps.db
    .select()
    .from(draftChanges)
    .where(and(eq(draftChanges.roundId, round.id), gt(draftChanges.versionNumber, low), lte(draftChanges.versionNumber, high)))
    .orderBy(asc(draftChanges.versionNumber));
  const changeOf = new Map<string, ChangeRow>();
  for (const c of recorded) {
    if (c.afterSectionId && c.kind !== 'removed') changeOf.set(c.afterSectionId, c);
    if (c.beforeSectionId && (c.kind === 'removed' || !c.afterSectionId)) changeOf.set(c.beforeSectionId, c);
  }
  const fromById = new Map(from.sections.map((s) => [s.id, s]));
  const toIds = new Set(to.sections.map((s) => s.id));
  const parentIdOf = (v: Version, u: VersionUnit) => v.sections.find((s) => s.key === u.parentKey)?.id ?? null;
  const entries: DiffEntry[] = to.sections.map((after) => {
    const before = fromById.get(after.id);
    const changed = before && fullText(before) !== fullText(after);
    const moved = before && (parentIdOf(from, before) !== parentIdOf(to, after) || changeOf.get(after.id)?.kind === 'moved');
    const change: DiffKind = !before ? 'added' : changed ? 'modified' : moved ? 'moved' : 'unchanged';
    return { sectionId: after.id, key: after.key, label: after.number, heading: after.heading, change, before: before ? fullText(before) : null, after: fullText(after), changeId: change === 'unchanged' ? null : (changeOf.get(after.id)?.id ?? null) };
  });
  from.sections.forEach((before, i) => {
    if (toIds.has(before.id)) return;
    const entry: DiffEntry = { sectionId: before.id, key: before.key, label: before.number, heading: before.heading, change: 'removed', before: fullText(before), after: null, changeId: changeOf.get(before.id)?.id ?? null };
    const previousId = from.sections[i - 1]?.id;
    const at = entries.findIndex((e) => e.sectionId === previousId);
    entries.splice(at + 1, 0, entry);
  });
  return ok(entries);
}
