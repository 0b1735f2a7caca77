/** The audit log page (admins): time in Asia/Shanghai, actor, action, record, detail. */
import { formatDateTime } from '../../lib/time';
import type { FieldErrors } from '../../lib/result';
import { ErrorSummary, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { AUDIT_FILTER_MAX } from '../settings/schemas';
import type { AuditEntryRow } from './service';
import { TableWrap } from '../../ui/table-wrap';

type AuditPageProps = { page: PageContext; entries: AuditEntryRow[]; nextCursor: string | null; action: string; errors?: FieldErrors };

export function AuditPage({ page, entries, nextCursor, action, errors }: AuditPageProps) {
  const { t, locale } = page;
  const filterQuery = action ? `action=${encodeURIComponent(action)}&` : '';
  return (
    <Layout page={page} title={t('settings.audit.title')} nav="settings">
      <div class="page-head">
        <h1>{t('settings.audit.title')}</h1>
        <a href="/settings">{t('common.back')}</a>
      </div>
      <ErrorSummary t={t} errors={errors} labels={{ action: t('settings.audit.filter') }} />
      <form method="get" action="/settings/audit" class="toolbar">
        <TextField name="action" label={t('settings.audit.filter')} hint={t('settings.audit.filterHint')} value={action} error={errors?.action} maxLength={AUDIT_FILTER_MAX} />
        <button type="submit">{t('common.filter')}</button>
        {action ? (
          <a class="button button--quiet" href="/settings/audit">
            {t('common.reset')}
          </a>
        ) : null}
      </form>
      <p class="muted">{t('settings.audit.timeZone')}</p>
      {entries.length === 0 ? (
        <p>{t('settings.audit.empty')}</p>
      ) : (
        <TableWrap>
          <table class="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('settings.audit.actor')}</th>
                <th scope="col">{t('settings.audit.action')}</th>
                <th scope="col">{t('settings.audit.entity')}</th>
                <th scope="col">{t('settings.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td class="nowrap">
                    <time datetime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, locale)}</time>
                  </td>
                  <td>{entry.actorLabel}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.entityType}
                    {entry.entityId ? <span class="muted audit-id"> {entry.entityId}</span> : null}
                  </td>
                  <td>{entry.detail ? <code class="audit-detail">{JSON.stringify(entry.detail)}</code> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav class="pager" aria-label={t('settings.audit.title')}>
        {page.path.includes('before=') ? <a href={`/settings/audit${action ? `?action=${encodeURIComponent(action)}` : ''}`}>{t('common.first')}</a> : null}
        {nextCursor ? <a href={`/settings/audit?${filterQuery}before=${encodeURIComponent(nextCursor)}`}>{t('common.next')}</a> : null}
      </nav>
    </Layout>
  );
}
