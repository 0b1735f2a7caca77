/** Views of the mail feature: the staff outbox list and detail, the local mailbox. Pure functions of data. */
import { OUTBOX_STATUSES, type OutboxStatus } from '../../db/schema';
import type { MessageKey, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { Notice, SelectField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { DEAD_LETTER_ERROR } from './dead-letter';
import { STUCK_SENDING_ERROR } from './service';
import { SUPPRESSED_PREFIX } from './suppression';
import { hidesContent, type OutboxEvent, type OutboxFilter, type OutboxPage } from './service';
import type { OutboxRow } from './status';
import { TableWrap } from '../../ui/table-wrap';
import type { Child } from 'hono/jsx';

/** Every kind the app writes to the outbox: the 邮件 pages never show a raw kind such as `meeting_update`. */
export const KIND_LABELS: Record<string, MessageKey> = {
  sign_in: 'mail.kind.sign_in',
  invitation: 'mail.kind.invitation',
  reminder: 'mail.kind.reminder',
  confirmation: 'mail.kind.confirmation',
  summary: 'mail.kind.summary',
  meeting_invitation: 'mail.kind.meeting_invitation',
  feedback_copy: 'mail.kind.feedback_copy',
  feedback_declined: 'mail.kind.feedback_declined',
  dispositions_published: 'mail.kind.dispositions_published',
  erasure_received: 'mail.kind.erasure_received',
  erasure_completed: 'mail.kind.erasure_completed',
  meeting_update: 'mail.kind.meeting_update',
  meeting_cancel: 'mail.kind.meeting_cancel',
  meeting_reminder: 'mail.kind.meeting_reminder',
  meeting_waitlist_promoted: 'mail.kind.meeting_waitlist_promoted',
  meeting_rsvp: 'mail.kind.meeting_rsvp',
  meeting_revoked: 'mail.kind.meeting_revoked',
};

const STATUS_BADGE: Record<OutboxStatus, string> = {
  queued: 'badge badge--warn',
  sending: 'badge badge--warn',
  sent: 'badge badge--ok',
  delivered: 'badge badge--ok',
  bounced: 'badge badge--error',
  complained: 'badge badge--error',
  failed: 'badge badge--error',
};

export function statusLabel(t: Translator, status: OutboxStatus): string {
  return t(`mail.status.${status}`);
}

export function kindLabel(t: Translator, kind: string): string {
  const key = KIND_LABELS[kind];
  return key ? t(key) : kind;
}

const SUPPRESSION_LABELS: Record<string, MessageKey> = {
  unsubscribe: 'mail.error.suppressed.unsubscribe',
  bounce: 'mail.error.suppressed.bounce',
  complaint: 'mail.error.suppressed.complaint',
};

/** Why an address gets no bulk mail, in words (unknown reasons as they are). */
export function suppressionReasonLabel(t: Translator, reason: string): string {
  if (reason === 'bounce' || reason === 'complaint' || reason === 'unsubscribe') return t(`mail.suppression.${reason}`);
  return reason;
}

/** Our own error codes in words; the provider's error text as it came (it names what Resend refused). */
export function errorLabel(t: Translator, error: string | null): string {
  if (!error) return '';
  if (error.startsWith(SUPPRESSED_PREFIX)) {
    const key = SUPPRESSION_LABELS[error.slice(SUPPRESSED_PREFIX.length)];
    return key ? t(key) : t('mail.error.unmailable');
  }
  if (error === DEAD_LETTER_ERROR || error.startsWith(`${DEAD_LETTER_ERROR}:`)) return t('mail.error.dead_letter');
  if (error === STUCK_SENDING_ERROR) return t('mail.error.stuck');
  return error;
}

/** The round or meeting a message belongs to, as a link. */
function Context({ t, row }: { t: Translator; row: { roundId: string | null; meetingId: string | null } }) {
  if (row.roundId) return <a href={`/rounds/${row.roundId}`}>{t('mail.context.round')}</a>;
  if (row.meetingId) return <a href={`/meetings/${row.meetingId}`}>{t('mail.context.meeting')}</a>;
  return <span class="muted">{t('common.none')}</span>;
}

function StatusBadge({ t, status }: { t: Translator; status: OutboxStatus }) {
  return <span class={STATUS_BADGE[status]}>{statusLabel(t, status)}</span>;
}

function recipient(row: { toEmail: string; toName: string | null }): string {
  return row.toName ? `${row.toName} <${row.toEmail}>` : row.toEmail;
}

function listHref(filter: OutboxFilter, cursor?: string): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/mail?${query}` : '/mail';
}

export function OutboxListPage({ page, filter, kinds, result }: { page: PageContext; filter: OutboxFilter; kinds: string[]; result: OutboxPage }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('mail.title')} nav="mail">
      <div class="page-head">
        <h1>{t('mail.title')}</h1>
      </div>
      <p class="muted">{t('mail.intro')}</p>
      <form method="get" action="/mail" class="toolbar mail-filter">
        <SelectField
          name="status"
          label={t('mail.filter.status')}
          value={filter.status ?? ''}
          emptyLabel={t('common.all')}
          options={OUTBOX_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
        />
        <SelectField
          name="kind"
          label={t('mail.filter.kind')}
          value={filter.kind ?? ''}
          emptyLabel={t('common.all')}
          options={kinds.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
        />
        <button type="submit">{t('common.filter')}</button>
        <a class="button button--quiet" href="/mail">
          {t('common.reset')}
        </a>
      </form>
      {result.items.length === 0 ? (
        <p class="panel">{t('mail.empty')}</p>
      ) : (
        <TableWrap>
          <table class="responsive mail-table">
            <caption class="visually-hidden">{t('mail.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mail.col.recipient')}</th>
                <th scope="col">{t('mail.col.subject')}</th>
                <th scope="col">{t('mail.col.kind')}</th>
                <th scope="col">{t('mail.col.context')}</th>
                <th scope="col">{t('mail.col.status')}</th>
                <th scope="col" class="num">{t('mail.col.attempts')}</th>
                <th scope="col">{t('mail.col.lastError')}</th>
                <th scope="col">{t('common.time')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((row) => (
                <tr>
                  <td data-label={t('mail.col.recipient')} class="mail-recipient">{recipient(row)}</td>
                  <td data-label={t('mail.col.subject')}>
                    <a href={`/mail/${row.id}`}>{row.subject}</a>
                  </td>
                  <td data-label={t('mail.col.kind')}>{kindLabel(t, row.kind)}</td>
                  <td data-label={t('mail.col.context')}>
                    <Context t={t} row={row} />
                  </td>
                  <td data-label={t('mail.col.status')}>
                    <StatusBadge t={t} status={row.status} />
                  </td>
                  <td data-label={t('mail.col.attempts')} class="num">{row.attempts}</td>
                  <td data-label={t('mail.col.lastError')} class="mail-error">{errorLabel(t, row.lastError)}</td>
                  <td data-label={t('common.time')}>
                    <time datetime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt, locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav class="pager" aria-label={t('mail.listCaption')}>
        {filter.cursor ? <a href={listHref(filter)}>{t('common.first')}</a> : null}
        {result.nextCursor ? <a href={listHref(filter, result.nextCursor)}>{t('common.next')}</a> : null}
      </nav>
    </Layout>
  );
}

type DetailProps = { page: PageContext; message: OutboxRow; events: OutboxEvent[]; canRetry: boolean; notice?: 'retried' | 'not_retryable' };

export function OutboxDetailPage({ page, message, events, canRetry, notice }: DetailProps) {
  const { t, locale } = page;
  const hidden = hidesContent(message.kind);
  return (
    <Layout page={page} title={message.subject} nav="mail">
      <p>
        <a href="/mail">{t('mail.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      {notice === 'retried' ? <Notice kind="success">{t('mail.retry.done')}</Notice> : null}
      {notice === 'not_retryable' ? <Notice kind="warning">{t('mail.retry.not_retryable')}</Notice> : null}
      <section class="panel">
        <dl class="facts">
          <dt>{t('mail.col.status')}</dt>
          <dd>
            <StatusBadge t={t} status={message.status} />
          </dd>
          <dt>{t('mail.col.recipient')}</dt>
          <dd class="mail-recipient">{recipient(message)}</dd>
          <dt>{t('mail.col.kind')}</dt>
          <dd>
            {kindLabel(t, message.kind)}
            {message.transactional ? <span class="muted"> · {t('mail.detail.transactional')}</span> : null}
          </dd>
          <dt>{t('mail.col.context')}</dt>
          <dd>
            <Context t={t} row={message} />
          </dd>
          <dt>{t('mail.col.attempts')}</dt>
          <dd>{message.attempts}</dd>
          <dt>{t('common.createdAt')}</dt>
          <dd>{formatDateTime(message.createdAt, locale)}</dd>
          {message.sentAt ? (
            <>
              <dt>{t('mail.detail.sentAt')}</dt>
              <dd>{formatDateTime(message.sentAt, locale)}</dd>
            </>
          ) : null}
          {message.provider ? (
            <>
              <dt>{t('mail.detail.provider')}</dt>
              <dd>{message.provider}</dd>
            </>
          ) : null}
          {message.providerMessageId ? (
            <>
              <dt>{t('mail.detail.providerMessageId')}</dt>
              <dd class="mono">{message.providerMessageId}</dd>
            </>
          ) : null}
          {message.lastError ? (
            <>
              <dt>{t('mail.col.lastError')}</dt>
              <dd class="mail-error">{errorLabel(t, message.lastError)}</dd>
            </>
          ) : null}
        </dl>
        {canRetry && message.status === 'failed' ? (
          <form method="post" action={`/mail/${message.id}/retry`} class="button-row">
            <button type="submit">{t('mail.retry')}</button>
          </form>
        ) : null}
      </section>
      <h2>{t('mail.detail.events')}</h2>
      <EventTable t={t} locale={locale} events={events} />
      {hidden ? (
        <Notice>{t('mail.detail.hidden')}</Notice>
      ) : (
        <>
          <h2>{t('mail.detail.text')}</h2>
          <pre class="mail-text" tabindex={0}>{message.text}</pre>
          {message.attachments?.length ? (
            <>
              <h2>{t('mail.detail.attachments')}</h2>
              <ul>
                {message.attachments.map((attachment) => (
                  <li>{attachment.filename}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Layout>
  );
}

function EventTable({ t, locale, events }: { t: Translator; locale: PageContext['locale']; events: OutboxEvent[] }) {
  if (events.length === 0) return <p>{t('mail.detail.noEvents')}</p>;
  return (
    <TableWrap>
      <table class="responsive">
        <caption class="visually-hidden">{t('mail.detail.events')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.time')}</th>
            <th scope="col">{t('mail.col.status')}</th>
            <th scope="col">{t('mail.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <td data-label={t('common.time')}>{formatDateTime(event.createdAt, locale)}</td>
              <td data-label={t('mail.col.status')}>
                <StatusBadge t={t} status={event.status} />
              </td>
              <td data-label={t('mail.col.detail')} class="mail-error">{errorLabel(t, event.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** `received`: the mail the local email() handler got (rendered by inbound/), shown under what was sent. */
export function DevMailboxPage({ page, messages, received }: { page: PageContext; messages: OutboxRow[]; received?: Child }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('mail.dev.title')} noindex>
      <div class="page-head">
        <h1>{t('mail.dev.title')}</h1>
        <a href="/dev/mail.json">{t('mail.dev.json')}</a>
      </div>
      <p class="muted">{t('mail.dev.intro')}</p>
      {messages.length === 0 ? (
        <p class="panel">{t('mail.dev.empty')}</p>
      ) : (
        <TableWrap>
          <table class="responsive">
            <caption class="visually-hidden">{t('mail.dev.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('mail.col.recipient')}</th>
                <th scope="col">{t('mail.col.subject')}</th>
                <th scope="col">{t('mail.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr>
                  <td data-label={t('common.time')}>{formatDateTime(message.createdAt, locale)}</td>
                  <td data-label={t('mail.col.recipient')} class="mail-recipient">{recipient(message)}</td>
                  <td data-label={t('mail.col.subject')}>
                    <a href={`/dev/mail/${message.id}`}>{message.subject}</a>
                  </td>
                  <td data-label={t('mail.col.status')}>
                    <StatusBadge t={t} status={message.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {received}
    </Layout>
  );
}

/** The HTML part is shown in a sandboxed srcdoc frame (our CSP forbids framing our own URLs); links open on top. */
export function DevMailPage({ page, message }: { page: PageContext; message: OutboxRow }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={message.subject} noindex>
      <p>
        <a href="/dev/mail">{t('mail.dev.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      <section class="panel">
        <dl class="facts">
          <dt>{t('mail.col.recipient')}</dt>
          <dd class="mail-recipient">{recipient(message)}</dd>
          <dt>{t('common.time')}</dt>
          <dd>{formatDateTime(message.createdAt, locale)}</dd>
          <dt>{t('mail.col.status')}</dt>
          <dd>
            <StatusBadge t={t} status={message.status} />
          </dd>
        </dl>
      </section>
      <h2>{t('mail.dev.html')}</h2>
      <iframe
        class="mail-preview"
        title={t('mail.dev.htmlFrame')}
        sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        srcdoc={`<base target="_top">${message.html}`}
      ></iframe>
      <p>
        <a href={`/dev/mail/${message.id}/html`} target="_blank" rel="noopener">
          {t('mail.dev.openHtml')}
        </a>
      </p>
      <h2>{t('mail.detail.text')}</h2>
      <pre class="mail-text" tabindex={0}>{message.text}</pre>
      <h2>{t('mail.detail.attachments')}</h2>
      {message.attachments?.length ? (
        <ul>
          {message.attachments.map((attachment, index) => (
            <li>
              <a href={`/dev/mail/${message.id}/attachments/${index}`}>{attachment.filename}</a> <span class="muted">{attachment.contentType}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('mail.dev.noAttachments')}</p>
      )}
    </Layout>
  );
}
