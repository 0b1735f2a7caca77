/** The mail queue consumer: claims each outbox row, hands it to the sender, records the outcome. */
import { eq } from 'drizzle-orm';
import { stakeholders } from '../../db/schema';
import type { Bindings } from '../../env';
import { createDeps, type Deps } from '../../lib/deps';
import { sendOutboxMessage } from './sender';
import { moveOutbox, type OutboxRow } from './status';

export type MailQueueMessage = { outboxId: string };

/** Sending attempts per row before it is given up as failed (a manual retry starts again). */
export const MAX_SEND_ATTEMPTS = 5;
const BACKOFF_BASE_SECONDS = 30;
/** Cloudflare Queues accept delays up to 12 hours; an hour is plenty for a provider to recover. */
const MAX_RETRY_DELAY_SECONDS = 3600;
export const UNMAILABLE_ERROR = 'unmailable';

/** 30 s, 60 s, 120 s, … after the first, second, third failed attempt; a longer Retry-After wins. */
export function retryDelaySeconds(attempts: number, retryAfterSeconds?: number): number {
  const backoff = BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1);
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.max(backoff, retryAfterSeconds ?? 0));
}

export async function handleMailQueue(batch: MessageBatch<MailQueueMessage>, env: Bindings, deps: Deps = createDeps(env)): Promise<void> {
  for (const message of batch.messages) {
    try {
      await deliverOne(deps, message);
    } catch (error) {
      // An outage of D1 itself: leave the row as it is and let the queue bring the message back.
      console.error('mail consumer failed on a message; retrying it', error);
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
}

async function deliverOne(deps: Deps, message: Message<MailQueueMessage>): Promise<void> {
  const outboxId = typeof message.body?.outboxId === 'string' ? message.body.outboxId : null;
  if (!outboxId) return message.ack();
  // Delivery is at least once: a row that is already sending or sent is somebody else's, so skip it.
  const claimed = await moveOutbox(deps, outboxId, 'queued', 'sending', null);
  if (!claimed) return message.ack();

  if (await isSuppressed(deps, claimed)) {
    await moveOutbox(deps, outboxId, 'sending', 'failed', UNMAILABLE_ERROR, { changes: { lastError: UNMAILABLE_ERROR } });
    return message.ack();
  }

  const outcome = await sendOutboxMessage(deps, claimed);
  const attempts = claimed.attempts + 1;
  if (outcome.ok) {
    await moveOutbox(deps, outboxId, 'sending', 'sent', outcome.provider, {
      changes: { provider: outcome.provider, providerMessageId: outcome.providerMessageId, sentAt: deps.clock(), lastError: null },
      countAttempt: true,
    });
    return message.ack();
  }
  if (outcome.retryable && attempts < MAX_SEND_ATTEMPTS) {
    await moveOutbox(deps, outboxId, 'sending', 'queued', outcome.error, { changes: { lastError: outcome.error }, countAttempt: true });
    return message.retry({ delaySeconds: retryDelaySeconds(attempts, outcome.retryAfterSeconds) });
  }
  await moveOutbox(deps, outboxId, 'sending', 'failed', outcome.error, { changes: { lastError: outcome.error }, countAttempt: true });
  message.ack();
}

/** Bulk mail to an address that bounced or complained is not sent; transactional mail always is. */
async function isSuppressed(deps: Deps, row: OutboxRow): Promise<boolean> {
  if (row.transactional || !row.stakeholderId) return false;
  const stakeholder = await deps.db
    .select({ unmailableReason: stakeholders.unmailableReason })
    .from(stakeholders)
    .where(eq(stakeholders.id, row.stakeholderId))
    .get();
  return Boolean(stakeholder?.unmailableReason);
}

