/** The dead-letter queue's consumer: a message the mail queue gave up on fails its row, visibly. */
import type { Bindings } from '../../env';
import { createDeps, type Deps } from '../../lib/deps';
import type { MailQueueMessage } from './consumer';
import { runMoves } from './moves';
import { idIn, moveMatching } from './status';

export const DEAD_LETTER_ERROR = 'dead_letter';

/** The queue whose consumer this is: batches from it are dead letters, not mail to send. */
export function isDeadLetterQueue(queue: string): boolean {
  return queue.endsWith('-dlq');
}

export async function handleDeadLetters(batch: MessageBatch<MailQueueMessage>, env: Bindings, deps: Deps = createDeps(env)): Promise<void> {
  const ids = [...new Set(batch.messages.flatMap((m) => (typeof m.body?.outboxId === 'string' ? [m.body.outboxId] : [])))];
  if (ids.length > 0) {
    const detail = `${DEAD_LETTER_ERROR}: the mail queue gave up after its last retry`;
    const changes = { lastError: DEAD_LETTER_ERROR, notBefore: null };
    // Left queued when the consumer asked for a retry, or sending when it died mid-call.
    await moveMatching(deps, idIn(ids), 'queued', 'failed', detail, changes);
    await runMoves(deps, ids.map((id) => ({ id, to: 'failed' as const, detail, changes })));
  }
  batch.ackAll();
}
