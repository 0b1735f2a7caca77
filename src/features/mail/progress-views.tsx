/** The send-progress panel (on the round's page and its own page) and the round's mail page. Pure functions of data. */
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { MailProgress } from './progress';
import type { OutboxSummary } from './service';
import { errorLabel, kindLabel } from './views';
import { TableWrap } from '../../ui/table-wrap';

const FIELDS = ['sent', 'failed', 'remaining'] as const;

export function progressApiPath(roundId: string): string {
  return `/api/v1/rounds/${roundId}/mail-progress`;
}

/**
 * Without data (the round's page) the numbers start empty and the script fills them; without the script the link
 * leads to the round's mail page, which shows them and refreshes on demand.
 */
export function MailProgressPanel({ t, roundId, progress, canRetry }: { t: Translator; roundId: string; progress: MailProgress | null; canRetry: boolean }) {
  const value = (field: (typeof FIELDS)[number]) => (progress ? String(progress[field]) : '–');
  return (
    <section class="panel mail-progress" aria-labelledby="mail-progress-heading" data-mail-progress={progressApiPath(roundId)}>
      <h2 id="mail-progress-heading">{t('mail.progress.title')}</h2>
      <progress class="mail-progress__bar" aria-label={t('mail.progress.bar')} max={progress?.total || 1} value={progress ? progress.sent + progress.failed : 0} data-field="bar"></progress>
      <dl class="mail-progress__numbers" aria-live="polite">
        {FIELDS.map((field) => (
          <div class={`mail-progress__item mail-progress__item--${field}`}>
            <dt>{t(`mail.progress.${field}`)}</dt>
            <dd data-field={field}>{value(field)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted" data-field="total" data-template={t('mail.progress.total', { total: '{total}' })}>
        {progress ? t('mail.progress.total', { total: progress.total }) : ''}
      </p>
      <div class="button-row">
        <a class="button button--secondary" href={`/rounds/${roundId}/mail`}>
          {progress ? t('mail.progress.refresh') : t('mail.progress.details')}
        </a>
        {canRetry ? (
          <form method="post" action={`/rounds/${roundId}/mail/retry-failed`} class="inline-form" data-field="retry" hidden={!progress || progress.retryable === 0}>
            <button type="submit" data-template={t('mail.progress.retryFailed', { count: '{count}' })}>
              {t('mail.progress.retryFailed', { count: progress?.retryable ?? 0 })}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

type RoundMailPageProps = {
  page: PageContext;
  round: { id: string; title: string };
  progress: MailProgress;
  failed: OutboxSummary[];
  canRetry: boolean;
  notice: { kind: 'success' | 'warning'; text: string } | null;
};

export function RoundMailPage({ page, round, progress, failed, canRetry, notice }: RoundMailPageProps) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('mail.progress.pageTitle', { title: round.title })} nav="rounds">
      <p>
        <a href={`/rounds/${round.id}`}>{t('mail.progress.back')}</a>
      </p>
      <h1>{t('mail.progress.pageTitle', { title: round.title })}</h1>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {progress.total === 0 ? <p class="panel">{t('mail.progress.none')}</p> : <MailProgressPanel t={t} roundId={round.id} progress={progress} canRetry={canRetry} />}
      {failed.length > 0 ? (
        <>
          <h2>{t('mail.progress.failedList')}</h2>
          <TableWrap>
            <table class="responsive">
              <caption class="visually-hidden">{t('mail.progress.failedList')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mail.col.recipient')}</th>
                  <th scope="col">{t('mail.col.kind')}</th>
                  <th scope="col">{t('mail.col.lastError')}</th>
                  <th scope="col">{t('common.time')}</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((row) => (
                  <tr>
                    <td data-label={t('mail.col.recipient')} class="mail-recipient">
                      <a href={`/mail/${row.id}`}>{row.toName ? `${row.toName} <${row.toEmail}>` : row.toEmail}</a>
                    </td>
                    <td data-label={t('mail.col.kind')}>{kindLabel(t, row.kind)}</td>
                    <td data-label={t('mail.col.lastError')} class="mail-error">{errorLabel(t, row.lastError)}</td>
                    <td data-label={t('common.time')}>{formatDateTime(row.statusChangedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </Layout>
  );
}
