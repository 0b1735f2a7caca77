/** Reading the audit log: newest first, keyset-paged on (created_at, id), filtered by action prefix. */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { Deps } from '../../lib/deps';

export const AUDIT_PAGE_SIZE = 50;
const likeSpecialRe = /[\\%_]/g;

export type AuditQuery = { actionPrefix?: string; before?: string };
export type AuditEntryRow = typeof auditLog.$inferSelect;

/** `before` is the cursor of the last row of the previous page: `<created_at ms>.<id>`. */
export function auditCursor(row: Pick<AuditEntryRow, 'createdAt' | 'id'>): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

export async function listAuditEntries(deps: Deps, query: AuditQuery): Promise<{ entries: AuditEntryRow[]; nextCursor: string | null }> {
  const prefix = query.actionPrefix?.trim();
  const [ms, id] = query.before?.split('.') ?? [];
  const beforeDate = ms ? new Date(Number(ms)) : null;
  const rows = await deps.db
    .select()
    .from(auditLog)
    .where(
      and(
        prefix ? sql`${auditLog.action} LIKE ${prefix.replace(likeSpecialRe, '\\$&') + '%'} ESCAPE '\\'` : undefined,
        beforeDate && id ? or(lt(auditLog.createdAt, beforeDate), and(eq(auditLog.createdAt, beforeDate), lt(auditLog.id, id))) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? auditCursor(last) : null };
}
