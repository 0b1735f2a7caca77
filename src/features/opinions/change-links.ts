/**
 * Which changes of the draft carry out an opinion (opinion_changes, many to many): only an adopted or partly
 * adopted opinion can have led to a change, so any other disposition drops its links.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { draftChanges, opinionChanges, type Disposition } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from '../mail/outbox';

const LOOKUP_CHUNK = 90;

export const LEADS_TO_CHANGES: readonly Disposition[] = ['adopted', 'partly_adopted'];

/** True when every id names a change of this round. */
export async function changesOfRound(deps: Deps, roundId: string, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const found = await deps.db.select({ id: draftChanges.id }).from(draftChanges).where(and(eq(draftChanges.roundId, roundId), inArray(draftChanges.id, ids)));
  return found.length === ids.length;
}

/** Statements that make `changeIds` the opinion's links, replacing the ones it had. */
export function relinkStatements(deps: Deps, opinionId: string, changeIds: string[]): Statement[] {
  const statements: Statement[] = [deps.db.delete(opinionChanges).where(eq(opinionChanges.opinionId, opinionId))];
  if (changeIds.length) statements.push(deps.db.insert(opinionChanges).values(changeIds.map((changeId) => ({ opinionId, changeId }))));
  return statements;
}

/** Statements that drop every link of these opinions (a bulk move to a disposition that leads to no change). */
export function unlinkStatements(deps: Deps, opinionIds: string[]): Statement[] {
  return chunk(opinionIds, LOOKUP_CHUNK).map((part) => deps.db.delete(opinionChanges).where(inArray(opinionChanges.opinionId, part)));
}

/** Each opinion's linked change ids. */
export async function linkedChanges(deps: Deps, opinionIds: string[]): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  if (opinionIds.length === 0) return links;
  for (const part of chunk(opinionIds, LOOKUP_CHUNK)) {
    const rows = await deps.db.select().from(opinionChanges).where(inArray(opinionChanges.opinionId, part));
    for (const row of rows) links.set(row.opinionId, [...(links.get(row.opinionId) ?? []), row.changeId]);
  }
  return links;
}
