/** Unsubscribing an address from a kind of mail (or from all non-transactional mail). */
import { eq } from 'drizzle-orm';
import { mailSuppressions, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { auditStatement } from '../audit/audit';
import type { UnsubscribeTarget } from './tokens';

export type UnsubscribeScope = 'kind' | 'all';

/** Idempotent: a second click changes nothing. Queued mail of that kind is skipped when its turn comes. */
export async function unsubscribe(deps: Deps, target: UnsubscribeTarget, scope: UnsubscribeScope): Promise<void> {
  const email = target.email.toLowerCase();
  const kind = scope === 'all' ? '*' : target.kind;
  const stakeholder = await deps.db.select({ id: stakeholders.id }).from(stakeholders).where(eq(stakeholders.emailNormalized, email)).get();
  await deps.db.batch([
    deps.db
      .insert(mailSuppressions)
      .values({ email, kind, reason: 'unsubscribe', stakeholderId: stakeholder?.id ?? null, createdAt: deps.clock() })
      .onConflictDoNothing(),
    auditStatement(deps, { actor: null, action: 'mail.unsubscribe', entityType: 'stakeholder', entityId: stakeholder?.id ?? null, detail: { kind } }),
  ]);
}

export async function isUnsubscribed(deps: Deps, target: UnsubscribeTarget): Promise<boolean> {
  const rows = await deps.db.select({ kind: mailSuppressions.kind }).from(mailSuppressions).where(eq(mailSuppressions.email, target.email.toLowerCase()));
  return rows.some((row) => row.kind === '*' || row.kind === target.kind);
}
