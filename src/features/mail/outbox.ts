/** The transactional outbox: mail rows are written in the same D1 batch as the change that causes them. */
import type { BatchItem } from 'drizzle-orm/batch';
import { outbox, outboxEvents, type OutboxAttachment } from '../../db/schema';
import type { Deps } from '../../lib/deps';

export type OutboxMessage = {
  kind: string;
  /** Sign-in links and copies of one's own feedback: never suppressed by unsubscribes. */
  transactional?: boolean;
  to: { email: string; name?: string | null };
  subject: string;
  html: string;
  text: string;
  attachments?: OutboxAttachment[];
  headers?: Record<string, string>;
  stakeholderId?: string | null;
  staffId?: string | null;
  roundId?: string | null;
  meetingId?: string | null;
};

export type Statement = BatchItem<'sqlite'>;

/** The statements that put one message in the outbox, to add to the batch of the change that causes it. */
export function outboxStatements(deps: Deps, message: OutboxMessage): { id: string; statements: Statement[] } {
  const id = deps.newId();
  const now = deps.clock();
  return {
    id,
    statements: [
      deps.db.insert(outbox).values({
        id,
        kind: message.kind,
        transactional: message.transactional ?? false,
        toEmail: message.to.email,
        toName: message.to.name ?? null,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments ?? null,
        headers: message.headers ?? null,
        status: 'queued',
        stakeholderId: message.stakeholderId ?? null,
        staffId: message.staffId ?? null,
        roundId: message.roundId ?? null,
        meetingId: message.meetingId ?? null,
        createdAt: now,
        statusChangedAt: now,
      }),
      deps.db.insert(outboxEvents).values({ id: deps.newId(), outboxId: id, status: 'queued', createdAt: now }),
    ],
  };
}

/**
 * Runs a change and the mail it causes as one D1 batch (one transaction), then hands the mail to the queue.
 * If the batch fails nothing is written, mail included; if enqueueing fails the cron sweep picks the rows up.
 */
export async function commitWithMail(deps: Deps, statements: Statement[], messages: OutboxMessage[]): Promise<string[]> {
  const mail = messages.map((message) => outboxStatements(deps, message));
  const all = [...statements, ...mail.flatMap((m) => m.statements)];
  if (all.length > 0) await deps.db.batch(all as [Statement, ...Statement[]]);
  const ids = mail.map((m) => m.id);
  await deps.enqueueMail(ids);
  return ids;
}
