/** The Worker: HTTP through the Hono app, mail through the queue (and its dead letters), timed work through cron, replies through Email Routing. */
import { createApp } from './app';
import type { Bindings } from './env';
import { handleMailQueue, type MailQueueMessage } from './features/mail/consumer';
import { handleDeadLetters, isDeadLetterQueue } from './features/mail/dead-letter';
import { runScheduledJobs } from './jobs';
import { receiveEmail } from './features/inbound/receive';
import { createDeps } from './lib/deps';

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<MailQueueMessage>, env: Bindings): Promise<void> {
    if (isDeadLetterQueue(batch.queue)) await handleDeadLetters(batch, env);
    else await handleMailQueue(batch, env);
  },
  async scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(runScheduledJobs(env, new Date(controller.scheduledTime)));
  },
  async email(message: ForwardableEmailMessage, env: Bindings): Promise<void> {
    await receiveEmail(createDeps(env), env.ATTACHMENTS, message);
  },
} satisfies ExportedHandler<Bindings, MailQueueMessage>;
