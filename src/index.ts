/** The Worker: HTTP through the Hono app, mail through the queue (and its dead letters), timed work through cron. */
import { createApp } from './app';
import type { Bindings } from './env';
import { handleMailQueue, type MailQueueMessage } from './features/mail/consumer';
import { handleDeadLetters, isDeadLetterQueue } from './features/mail/dead-letter';
import { runScheduledJobs } from './jobs';

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
} satisfies ExportedHandler<Bindings, MailQueueMessage>;
