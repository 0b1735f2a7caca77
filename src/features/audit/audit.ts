/** The audit log: who changed what and when. Entries join the batch of the change they describe. */
import { auditLog } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Statement } from '../mail/outbox';
import type { CurrentStaff } from '../auth/guard';

export type AuditEntry = {
  actor: Pick<CurrentStaff, 'id' | 'email'> | null;
  /** A verb phrase in snake case, e.g. `stakeholder.update`, `staff.role_change`, `api_token.revoke`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed; never tokens, links or other secrets. */
  detail?: Record<string, unknown>;
};

export function auditStatement(deps: Deps, entry: AuditEntry): Statement {
  return deps.db.insert(auditLog).values({
    id: deps.newId(),
    actorStaffId: entry.actor?.id ?? null,
    actorLabel: entry.actor?.email ?? 'system',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    detail: entry.detail ?? null,
    createdAt: deps.clock(),
  });
}
