/** HTTP routes of the mail feature: the staff mail page, its JSON API and the development mailbox. */
import { Hono } from 'hono';
import * as v from 'valibot';
import { OUTBOX_STATUSES } from '../../db/schema';
import type { AppEnv } from '../../env';
import { apiError, queryParams } from '../../lib/http';
import { attachmentDisposition } from '../../lib/csv';
import { message, validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { hasRole, requireRole } from '../auth/guard';
import {
  findOutboxMessage,
  listLocalMailbox,
  LOCAL_MAILBOX_SIZE,
  usesLocalMailbox,
  listOutbox,
  listOutboxKinds,
  MAX_CURSOR_LENGTH,
  MAX_KIND_LENGTH,
  OUTBOX_MAX_PAGE_SIZE,
  OUTBOX_PAGE_SIZE,
  retryOutboxMessage,
  type OutboxFilter,
  type OutboxSummary,
} from './service';
import { DevMailboxPage, DevMailPage, OutboxDetailPage, OutboxListPage } from './views';
import { retryFailedRoundMail, roundMailProgress } from './progress';
import { RoundMailPage } from './progress-views';
import { decorateForSending } from './unsubscribe-headers';
import { readyAttachments } from '../inbound/form-attachment';
import { ReceivedMail } from '../inbound/dev-mail-views';
import { listItems } from '../inbound/items';
import { rounds } from '../../db/schema';
import { eq } from 'drizzle-orm';

const DETAIL_NOTICES = ['retried', 'not_retryable'] as const;

/** One schema for the page's filter and the API's query. */
export const outboxQuerySchema = v.object({
  status: v.optional(v.picklist(OUTBOX_STATUSES, message('validation.invalidChoice'))),
  kind: v.optional(v.pipe(v.string(), v.maxLength(MAX_KIND_LENGTH, message('validation.tooLong')))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(MAX_CURSOR_LENGTH, message('validation.tooLong')))),
  limit: v.optional(
    v.pipe(v.string(), v.toNumber(message('validation.invalidChoice')), v.integer(message('validation.invalidChoice')), v.minValue(1, message('validation.invalidChoice')), v.maxValue(OUTBOX_MAX_PAGE_SIZE, message('validation.invalidChoice'))),
  ),
});

export const mailRoutes = new Hono<AppEnv>();

mailRoutes.get('/mail', requireRole('viewer'), async (c) => {
  const deps = c.get('deps');
  const parsed = validate(outboxQuerySchema, queryParams(c), c.get('locale'));
  // A hand-edited bad filter shows the unfiltered list rather than an error page.
  const filter: OutboxFilter = parsed.ok ? parsed.value : {};
  const [result, kinds] = await Promise.all([listOutbox(deps, filter), listOutboxKinds(deps)]);
  return c.html(<OutboxListPage page={pageContext(c)} filter={filter} kinds={kinds} result={result} />);
});

mailRoutes.get('/mail/:id', requireRole('viewer'), async (c) => {
  const found = await findOutboxMessage(c.get('deps'), c.req.param('id'));
  if (!found) return c.notFound();
  const notice = DETAIL_NOTICES.find((value) => value === c.req.query('notice'));
  return c.html(
    <OutboxDetailPage page={pageContext(c)} message={found.message} events={found.events} canRetry={hasRole(c.get('staff'), 'organizer')} notice={notice} />,
  );
});

mailRoutes.post('/mail/:id/retry', requireRole('organizer'), async (c) => {
  const id = c.req.param('id');
  const result = await retryOutboxMessage(c.get('deps'), id, c.get('staff')!);
  if (!result.ok && result.error === 'not_found') return c.notFound();
  return c.redirect(`/mail/${encodeURIComponent(id)}?notice=${result.ok ? 'retried' : result.error}`, 303);
});

mailRoutes.get('/api/v1/mail', requireRole('viewer'), async (c) => {
  const parsed = validate(outboxQuerySchema, queryParams(c), c.get('locale'));
  if (!parsed.ok) return apiError(c, 400, 'invalid_input', 'error.invalid_input', parsed.fields);
  const page = await listOutbox(c.get('deps'), { ...parsed.value, limit: parsed.value.limit ?? OUTBOX_PAGE_SIZE });
  return c.json({ items: page.items.map(outboxJson), nextCursor: page.nextCursor });
});

/** A round's mail: progress (sent / failed / remaining), the failed ones with the provider's words, retry. */
mailRoutes.get('/rounds/:id/mail', requireRole('viewer'), async (c) => {
  const deps = c.get('deps');
  const round = await deps.db.select({ id: rounds.id, title: rounds.title }).from(rounds).where(eq(rounds.id, c.req.param('id'))).get();
  if (!round) return c.notFound();
  const [progress, failed] = await Promise.all([roundMailProgress(deps, round.id), listOutbox(deps, { roundId: round.id, status: 'failed', limit: OUTBOX_MAX_PAGE_SIZE })]);
  const retried = Number(c.req.query('retried'));
  const t = c.get('t');
  const notice = Number.isInteger(retried) && c.req.query('retried') !== undefined
    ? retried > 0
      ? { kind: 'success' as const, text: t('mail.progress.retried', { count: retried }) }
      : { kind: 'warning' as const, text: t('mail.progress.nothingToRetry') }
    : null;
  return c.html(<RoundMailPage page={pageContext(c)} round={round} progress={progress} failed={failed.items} canRetry={hasRole(c.get('staff'), 'organizer')} notice={notice} />);
});

mailRoutes.post('/rounds/:id/mail/retry-failed', requireRole('organizer'), async (c) => {
  const deps = c.get('deps');
  const round = await deps.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, c.req.param('id'))).get();
  if (!round) return c.notFound();
  const count = await retryFailedRoundMail(deps, round.id, c.get('staff')!);
  return c.redirect(`/rounds/${encodeURIComponent(round.id)}/mail?retried=${count}`, 303);
});

mailRoutes.get('/api/v1/rounds/:id/mail-progress', requireRole('viewer'), async (c) => {
  const deps = c.get('deps');
  const round = await deps.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, c.req.param('id'))).get();
  if (!round) return apiError(c, 404, 'not_found', 'error.not_found');
  const progress = await roundMailProgress(deps, round.id);
  c.header('Cache-Control', 'no-store');
  return c.json({ roundId: round.id, ...progress });
});

mailRoutes.post('/api/v1/rounds/:id/mail/retry-failed', requireRole('organizer'), async (c) => {
  const deps = c.get('deps');
  const round = await deps.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.id, c.req.param('id'))).get();
  if (!round) return apiError(c, 404, 'not_found', 'error.not_found');
  return c.json({ retried: await retryFailedRoundMail(deps, round.id, c.get('staff')!) });
});

/** The API never carries bodies: sign-in mails hold login links. */
export function outboxJson(row: OutboxSummary) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.toEmail,
    toName: row.toName,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    roundId: row.roundId,
    meetingId: row.meetingId,
    createdAt: row.createdAt.toISOString(),
    statusChangedAt: row.statusChangedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** Only in development without a Resend key; elsewhere these routes answer 404. */
export const devMailRoutes = new Hono<AppEnv>();

devMailRoutes.use('/dev/*', async (c, next) => {
  if (!usesLocalMailbox(c.get('deps').config)) return c.notFound();
  await next();
});

devMailRoutes.get('/dev/mail', async (c) => {
  const messages = await listLocalMailbox(c.get('deps'));
  const page = pageContext(c);
  const received = await listItems(c.get('deps'), { sources: ['email'], limit: LOCAL_MAILBOX_SIZE });
  return c.html(<DevMailboxPage page={page} messages={messages} received={<ReceivedMail page={page} items={received} />} />);
});

devMailRoutes.get('/dev/mail.json', async (c) => {
  const deps = c.get('deps');
  const messages = await listLocalMailbox(deps);
  const sent = await Promise.all(messages.map((row) => decorateForSending(deps, row)));
  return c.json(
    messages.map((row, index) => ({
      id: row.id,
      to: row.toEmail,
      subject: row.subject,
      text: sent[index]!.text,
      html: sent[index]!.html,
      headers: sent[index]!.headers,
      replyTo: row.headers?.['Reply-To'] ?? null,
      createdAt: row.createdAt.toISOString(),
      attachments: (row.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType })),
    })),
  );
});

/** The local mailbox shows what would leave: unsubscribe headers and footer included. */
devMailRoutes.get('/dev/mail/:id', async (c) => {
  const found = await findOutboxMessage(c.get('deps'), c.req.param('id'));
  if (!found) return c.notFound();
  const sent = await decorateForSending(c.get('deps'), found.message);
  return c.html(<DevMailPage page={pageContext(c)} message={{ ...found.message, ...sent }} />);
});

devMailRoutes.get('/dev/mail/:id/html', async (c) => {
  const found = await findOutboxMessage(c.get('deps'), c.req.param('id'));
  if (!found) return c.notFound();
  return c.html((await decorateForSending(c.get('deps'), found.message)).html);
});

devMailRoutes.get('/dev/mail/:id/attachments/:n', async (c) => {
  const found = await findOutboxMessage(c.get('deps'), c.req.param('id'));
  const stored = found?.message.attachments?.[Number(c.req.param('n'))];
  // A file made at send time is made here too, as it would leave.
  const [attachment] = stored ? await readyAttachments(c.get('deps'), [stored]) : [];
  if (!attachment) return c.notFound();
  const bytes = Uint8Array.from(atob(attachment.contentBase64), (char) => char.charCodeAt(0));
  return c.body(bytes, 200, {
    'Content-Type': attachment.contentType,
    'Content-Disposition': attachmentDisposition(attachment.filename, attachment.filename),
  });
});

