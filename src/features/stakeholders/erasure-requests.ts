/** Erasure requests: a stakeholder asks on their link, staff see them with their due date and complete them. */
import { and, asc, eq } from 'drizzle-orm';
import { erasureRequests, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { endOfWorkingDaysAfter } from '../../lib/working-days';
import { auditStatement } from '../audit/audit';
import { commitWithMail } from '../mail/outbox';
import { erasureReceivedMail } from './erasure-mail';

/** PIPL leaves the time to the handler; 15 working days is the office's own promise, as for other requests. */
export const ERASURE_DUE_WORKING_DAYS = 15;

export type ErasureRequestRow = typeof erasureRequests.$inferSelect;
export type OpenErasureRequest = Pick<ErasureRequestRow, 'id' | 'stakeholderId' | 'requestedAt' | 'dueAt'> & { name: string; organization: string };

type Requester = Pick<typeof stakeholders.$inferSelect, 'id' | 'name' | 'email' | 'erasedAt'>;

export function openErasureRequest(deps: Deps, stakeholderId: string): Promise<ErasureRequestRow | undefined> {
  return deps.db
    .select()
    .from(erasureRequests)
    .where(and(eq(erasureRequests.stakeholderId, stakeholderId), eq(erasureRequests.status, 'open')))
    .get();
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/i.test(`${error.message} ${String(error.cause ?? '')}`);
}

/**
 * Files the request, with its audit entry and the acknowledgement mail, in one batch. Asking again while a request
 * is open returns that request and sends nothing: the unique index on open requests makes a racing twin's batch
 * fail whole, mail included.
 */
export async function requestErasure(
  deps: Deps,
  stakeholder: Requester,
  origin: { via: 'feedback_link'; roundId: string | null },
): Promise<Result<{ request: ErasureRequestRow; created: boolean }, 'erased'>> {
  if (stakeholder.erasedAt) return fail('erased');
  const existing = await openErasureRequest(deps, stakeholder.id);
  if (existing) return ok({ request: existing, created: false });
  const now = deps.clock();
  const request: ErasureRequestRow = {
    id: deps.newId(),
    stakeholderId: stakeholder.id,
    status: 'open',
    via: origin.via,
    roundId: origin.roundId,
    requestedAt: now,
    dueAt: endOfWorkingDaysAfter(now, ERASURE_DUE_WORKING_DAYS),
    completedAt: null,
    completedByStaffId: null,
  };
  const mail = stakeholder.email
    ? [await erasureReceivedMail({ email: stakeholder.email, name: stakeholder.name, stakeholderId: stakeholder.id, requestedAt: now, dueAt: request.dueAt })]
    : [];
  try {
    await commitWithMail(
      deps,
      [
        deps.db.insert(erasureRequests).values(request),
        auditStatement(deps, {
          actor: null,
          action: 'stakeholder.erasure_request',
          entityType: 'stakeholder',
          entityId: stakeholder.id,
          detail: { requestId: request.id, via: origin.via, roundId: origin.roundId },
        }),
      ],
      mail,
    );
  } catch (error) {
    const twin = isUniqueViolation(error) ? await openErasureRequest(deps, stakeholder.id) : undefined;
    if (twin) return ok({ request: twin, created: false });
    throw error;
  }
  return ok({ request, created: true });
}

/** Open requests, the one due first first: what staff must do next. The query, to run alone or in a batch. */
export function openErasureRequestsQuery(deps: Deps) {
  return deps.db
    .select({
      id: erasureRequests.id,
      stakeholderId: erasureRequests.stakeholderId,
      requestedAt: erasureRequests.requestedAt,
      dueAt: erasureRequests.dueAt,
      name: stakeholders.name,
      organization: stakeholders.organization,
    })
    .from(erasureRequests)
    .innerJoin(stakeholders, eq(stakeholders.id, erasureRequests.stakeholderId))
    .where(eq(erasureRequests.status, 'open'))
    .orderBy(asc(erasureRequests.dueAt), asc(erasureRequests.id));
}

export async function listOpenErasureRequests(deps: Deps): Promise<OpenErasureRequest[]> {
  return openErasureRequestsQuery(deps);
}
