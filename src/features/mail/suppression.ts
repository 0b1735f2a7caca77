/** Who must not get non-transactional mail: unsubscribes, hard bounces and complaints. */
import { eq, inArray } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { mailSuppressions, stakeholders, SUPPRESSION_REASONS } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { suppressionKind } from '../unsubscribe/tokens';
import type { Statement } from './outbox';
import type { OutboxRow } from './status';

export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The `last_error` of a row that was not sent because its address is suppressed: `suppressed: bounce`. */
export const SUPPRESSED_PREFIX = 'suppressed: ';
const LOOKUP_CHUNK = 90;

export function suppressedError(reason: string): string {
  return SUPPRESSED_PREFIX + reason;
}

/** The reason each row must not be sent, by row id. Transactional mail is never suppressed. */
export async function suppressedRows(deps: Deps, rows: OutboxRow[]): Promise<Map<string, string>> {
  const bulk = rows.filter((row) => !row.transactional);
  const reasons = new Map<string, string>();
  if (bulk.length === 0) return reasons;
  const emails = [...new Set(bulk.map((row) => row.toEmail.toLowerCase()))];
  const byEmail = new Map<string, { kind: string; reason: string }[]>();
  for (const part of chunk(emails, LOOKUP_CHUNK)) {
    const found = await deps.db.select().from(mailSuppressions).where(inArray(mailSuppressions.email, part));
    for (const row of found) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row]);
  }
  const stakeholderIds = [...new Set(bulk.flatMap((row) => (row.stakeholderId ? [row.stakeholderId] : [])))];
  const unmailable = new Map<string, string>();
  for (const part of chunk(stakeholderIds, LOOKUP_CHUNK)) {
    const found = await deps.db
      .select({ id: stakeholders.id, reason: stakeholders.unmailableReason })
      .from(stakeholders)
      .where(inArray(stakeholders.id, part));
    for (const row of found) if (row.reason) unmailable.set(row.id, row.reason);
  }
  for (const row of bulk) {
    const kind = suppressionKind(row.kind);
    const match = byEmail.get(row.toEmail.toLowerCase())?.find((s) => s.kind === '*' || s.kind === kind);
    const reason = match?.reason ?? (row.stakeholderId ? unmailable.get(row.stakeholderId) : undefined);
    if (reason) reasons.set(row.id, reason);
  }
  return reasons;
}

/**
 * A hard bounce or a complaint: the address gets no more non-transactional mail of any kind, and the stakeholder
 * is marked not mailable (shown in the directory).
 */
export function suppressAddressStatements(
  deps: Deps,
  target: { email: string; stakeholderId: string | null },
  reason: Exclude<SuppressionReason, 'unsubscribe'>,
): Statement[] {
  const email = target.email.trim().toLowerCase();
  const statements: Statement[] = [
    deps.db
      .insert(mailSuppressions)
      .values({ email, kind: '*', reason, stakeholderId: target.stakeholderId, createdAt: deps.clock() })
      .onConflictDoUpdate({ target: [mailSuppressions.email, mailSuppressions.kind], set: { reason } }),
    deps.db.update(stakeholders).set({ unmailableReason: reason, updatedAt: deps.clock() }).where(eq(stakeholders.emailNormalized, email)),
  ];
  if (target.stakeholderId) {
    statements.push(deps.db.update(stakeholders).set({ unmailableReason: reason, updatedAt: deps.clock() }).where(eq(stakeholders.id, target.stakeholderId)));
  }
  return statements;
}
