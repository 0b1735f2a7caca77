/** Small factories for the mail tests: outbox rows written the way features write them. */
import { env } from 'cloudflare:test';
import { createMessageBatch, createExecutionContext, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { outbox, stakeholders } from '../src/db/schema';
import { handleMailQueue, type ConsumerOptions, type MailQueueMessage } from '../src/features/mail/consumer';
import { commitWithMail, type OutboxMessage } from '../src/features/mail/outbox';
import { findOutboxMessage } from '../src/features/mail/service';
import type { Deps } from '../src/lib/deps';
import { testNow } from './helpers';

export function uniqueEmail(prefix = 'stakeholder'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export function aMailMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    kind: 'invitation',
    to: { email: uniqueEmail(), name: '张三' },
    subject: `征求意见邀请 ${crypto.randomUUID().slice(0, 6)}`,
    html: '<p>请点击链接</p>',
    text: '请点击链接',
    ...overrides,
  };
}

/** Writes one outbox row through commitWithMail and returns its id. */
export async function anOutboxRow(deps: Deps, overrides: Partial<OutboxMessage> = {}): Promise<string> {
  const [id] = await commitWithMail(deps, [], [aMailMessage(overrides)]);
  return id!;
}

export async function outboxRow(deps: Deps, id: string) {
  return deps.db.select().from(outbox).where(eq(outbox.id, id)).get();
}

export async function eventsOf(deps: Deps, id: string) {
  return (await findOutboxMessage(deps, id))?.events ?? [];
}

export async function aStakeholder(deps: Deps, unmailableReason: string | null = null): Promise<string> {
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.insert(stakeholders).values({
    id,
    name: '李四',
    category: 'enterprise',
    source: 'manual',
    email: uniqueEmail('li'),
    unmailableReason,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

let messageCounter = 0;

/**
 * Runs the consumer over queue messages carrying these outbox ids and returns what it acked and retried. Pacing is
 * off and waits are recorded instead of slept; jitter is at its top (delays are then exactly the backoff).
 */
export async function consume(outboxIds: string[], bindings: typeof env = env, deps?: Deps, options: ConsumerOptions = {}, queue = 'roundtable-mail') {
  const waits: number[] = [];
  const batch = createMessageBatch<MailQueueMessage>(
    queue,
    outboxIds.map((outboxId) => ({ id: `msg-${++messageCounter}`, timestamp: testNow(), attempts: 1, body: { outboxId } })),
  );
  // getQueueResult does not report delaySeconds, so the requested delays are recorded here.
  const retryDelays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      retryDelays.push(options?.delaySeconds);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await handleMailQueue(batch, bindings, deps, {
    reserveSlot: async () => 0,
    wait: async (ms) => void waits.push(ms),
    random: () => 1,
    ...options,
  });
  const result = await getQueueResult(batch, ctx);
  return { result, retryDelays, waits, messageIds: batch.messages.map((m) => m.id) };
}
