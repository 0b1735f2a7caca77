/** What services need from the world, passed in as one argument so that tests can fix the clock and ids. */
import { createDb, type Db } from '../db/client';
import type { Bindings } from '../env';
import { environmentClock, type Clock } from './clock';
import { countingD1, countsD1Queries, type D1Counter } from './d1-counter';
import { createIdFactory, type IdFactory } from './ids';

export type AppConfig = {
  environment: string;
  appUrl: string;
  mailFrom: string;
  resendBaseUrl: string;
  resendApiKey: string | undefined;
  /** HMAC key for signed links; a fixed development key when unset outside production. */
  signingSecret: string;
  /** The domain of per-invitation Reply-To addresses (`reply+…@domain`), routed to the Worker's email handler. */
  inboundDomain: string | undefined;
};

export type Deps = {
  db: Db;
  d1: D1Database;
  clock: Clock;
  newId: IdFactory;
  config: AppConfig;
  /** Hands outbox row ids to the mail queue after the change that wrote them has committed. */
  enqueueMail: (outboxIds: string[]) => Promise<void>;
  /** Set in bench builds (COUNT_D1_QUERIES=1): the D1 round trips made through `db` and `d1` so far. */
  d1Counter?: D1Counter;
};

const DEVELOPMENT_SIGNING_SECRET = 'roundtable-development-only-signing-secret';

/** `requestOrigin` lets local development follow `npm run dev -- --port N`: links then point where the hub really is. */
export function configFrom(env: Bindings, requestOrigin?: string): AppConfig {
  const environment = env.ENVIRONMENT || 'production';
  if (environment === 'production' && !env.SESSION_SECRET) {
    throw new Error('SESSION_SECRET must be set in production (wrangler secret put SESSION_SECRET)');
  }
  return {
    environment,
    appUrl: (environment === 'development' && requestOrigin ? requestOrigin : env.APP_URL).replace(/\/$/, ''),
    mailFrom: env.MAIL_FROM,
    resendBaseUrl: env.RESEND_BASE_URL || 'https://api.resend.com',
    resendApiKey: env.RESEND_API_KEY || undefined,
    signingSecret: env.SESSION_SECRET || DEVELOPMENT_SIGNING_SECRET,
    inboundDomain: env.INBOUND_DOMAIN || undefined,
  };
}

export function createDeps(env: Bindings, clock: Clock = environmentClock(env), requestOrigin?: string): Deps {
  const d1Counter = countsD1Queries(env) ? { trips: 0, waitMs: 0 } : undefined;
  const d1 = d1Counter ? countingD1(env.DB, d1Counter) : env.DB;
  let db: Deps['db'] | undefined;
  return {
    // Built on first use: the hottest routes read through prepared reads or plain SQL and never need it.
    get db() {
      return (db ??= createDb(d1));
    },
    d1,
    d1Counter,
    clock,
    newId: createIdFactory(clock),
    config: configFrom(env, requestOrigin),
    enqueueMail: async (outboxIds) => {
      if (outboxIds.length === 0) return;
      try {
        await env.MAIL_QUEUE.sendBatch(outboxIds.map((id) => ({ body: { outboxId: id } })));
      } catch (error) {
        // The row stays `queued`; the cron sweep enqueues it again.
        console.error('mail enqueue failed; the outbox sweep will retry', error);
      }
    },
  };
}
