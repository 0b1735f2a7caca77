/** Resend's delivery events on the outbox: statuses only move forward; hard bounces and complaints suppress the address. */
import { eq } from 'drizzle-orm';
import { outbox, outboxEvents, webhookEvents, type OutboxStatus } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import type { Statement } from '../mail/outbox';
import { canMove, moveStatements } from '../mail/status';
import { suppressAddressStatements } from '../mail/suppression';

export type ResendEvent = {
  type: string;
  data?: { email_id?: string; bounce?: { type?: string; subType?: string; message?: string } };
};

/** The events we act on; any other type is acknowledged and only remembered for replay protection. */
const STATUS_BY_TYPE: Record<string, OutboxStatus | null> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  // A delay is news for the history, not a status.
  'email.delivery_delayed': null,
};

export type WebhookOutcome = { outboxId: string | null; status: OutboxStatus | null };

/** Resend marks soft bounces `Transient`; only a permanent one makes an address unusable. */
function isHardBounce(event: ResendEvent): boolean {
  return event.type === 'email.bounced' && event.data?.bounce?.type !== 'Transient';
}

/**
 * Records one verified event, once: the svix-id goes into webhook_events in the same batch as the changes, so a
 * replay (or two deliveries racing) changes nothing.
 */
export async function recordResendEvent(deps: Deps, svixId: string, event: ResendEvent): Promise<Result<WebhookOutcome, 'replayed'>> {
  const seen = await deps.db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.id, svixId)).get();
  if (seen) return fail('replayed');
  const statements: Statement[] = [deps.db.insert(webhookEvents).values({ id: svixId, type: event.type.slice(0, 64), receivedAt: deps.clock() })];
  const emailId = event.data?.email_id;
  const row = emailId ? await deps.db.select().from(outbox).where(eq(outbox.providerMessageId, emailId)).get() : undefined;
  let status: OutboxStatus | null = null;
  if (row && event.type in STATUS_BY_TYPE) {
    const bounce = event.data?.bounce;
    const detail = [`webhook ${event.type}`, bounce?.type, bounce?.subType, bounce?.message].filter(Boolean).join(' · ').slice(0, 500);
    const target = STATUS_BY_TYPE[event.type] ?? null;
    const moves = target !== null && (target !== 'bounced' || isHardBounce(event)) && canMove(row.status, target);
    if (moves) {
      statements.push(...moveStatements(deps, row.id, row.status, target, detail));
      status = target;
    } else {
      // Late or out-of-order news (a 'delivered' after 'bounced'): kept in the history, the status stays.
      statements.push(deps.db.insert(outboxEvents).values({ id: deps.newId(), outboxId: row.id, status: row.status, detail, createdAt: deps.clock() }));
      status = row.status;
    }
    if (isHardBounce(event) || event.type === 'email.complained') {
      statements.push(...suppressAddressStatements(deps, { email: row.toEmail, stakeholderId: row.stakeholderId }, event.type === 'email.complained' ? 'complaint' : 'bounce'));
    }
  }
  try {
    await deps.db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    if (String((error as Error)?.message ?? error).includes('UNIQUE constraint failed')) return fail('replayed');
    throw error;
  }
  return ok({ outboxId: row?.id ?? null, status });
}
