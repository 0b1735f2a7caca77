/** The Worker: HTTP through the Hono app, mail through the queue, timed work through cron. */
import { createApp } from './app';
import type { Bindings } from './env';
import { handleMailQueue, type MailQueueMessage } from './features/mail/consumer';
import { runScheduledJobs } from './jobs';

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<MailQueueMessage>, env: Bindings): Promise<void> {
    await handleMailQueue(batch, env);
  },
  async scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(runScheduledJobs(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Bindings, MailQueueMessage>;
