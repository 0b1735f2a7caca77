/** Staff views of erasure requests: the banner and home block that point at them, and the page that completes them. */
import { formatDate, formatDateTime } from '../../lib/time';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { TableWrap } from '../../ui/table-wrap';
import type { OpenErasureRequest } from './erasure-requests';

export const ERASURE_REQUESTS_PATH = '/stakeholders/erasure-requests';

const isOverdue = (request: OpenErasureRequest, now: Date) => request.dueAt.getTime() < now.getTime();

function DueDate({ page, request, now }: { page: PageContext; request: OpenErasureRequest; now: Date }) {
  return (
    <>
      {formatDate(request.dueAt, page.locale)}
      {isOverdue(request, now) ? <span class="badge badge--error"> {page.t('stakeholders.erasure.requests.overdue')}</span> : null}
    </>
  );
}

/** Shown on the directory while any request is open. */
export function ErasureBanner({ page, requests }: { page: PageContext; requests: OpenErasureRequest[] }) {
  const first = requests[0];
  if (!first) return null;
  return (
    <Notice kind="warning">
      {page.t('stakeholders.erasure.requests.banner', { count: requests.length, due: formatDate(first.dueAt, page.locale) })}{' '}
      <a href={ERASURE_REQUESTS_PATH}>{page.t('stakeholders.erasure.requests.view')}</a>
    </Notice>
  );
}

/** The home page's block: every open request with its due date, linking to the stakeholder. */
export function ErasureHomeBlock({ page, requests, now }: { page: PageContext; requests: OpenErasureRequest[]; now: Date }) {
  const { t } = page;
  return (
    <section class="panel" aria-labelledby="home-erasure-heading">
      <h2 id="home-erasure-heading">{t('stakeholders.erasure.requests.title')}</h2>
      {requests.length === 0 ? (
        <p class="muted">{t('stakeholders.erasure.requests.empty')}</p>
      ) : (
        <>
          <ul>
            {requests.map((r) => (
              <li>
                <a href={`/stakeholders/${r.stakeholderId}`}>{r.name}</a>
                {r.organization ? `（${r.organization}）` : ''} · {t('stakeholders.erasure.requests.dueAt')} <DueDate page={page} request={r} now={now} />
              </li>
            ))}
          </ul>
          <p>
            <a href={ERASURE_REQUESTS_PATH}>{t('stakeholders.erasure.requests.view')}</a>
          </p>
        </>
      )}
    </section>
  );
}

/** One button per request; the erase route asks before erasing (a confirmation page), then erases and mails. */
export function ErasureRequestsPage(props: { page: PageContext; requests: OpenErasureRequest[]; now: Date; canChange: boolean; notice?: string }) {
  const { page, requests, now, canChange, notice } = props;
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('stakeholders.erasure.requests.title')} nav="stakeholders">
      <p>
        <a href="/stakeholders">{t('common.back')}</a>
      </p>
      <h1>{t('stakeholders.erasure.requests.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p>{t('stakeholders.erasure.requests.explain')}</p>
      {requests.length === 0 ? (
        <p class="muted">{t('stakeholders.erasure.requests.empty')}</p>
      ) : (
        <TableWrap>
          <table class="table">
            <caption class="visually-hidden">{t('stakeholders.erasure.requests.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stakeholders.erasure.requests.name')}</th>
                <th scope="col">{t('stakeholders.field.organization')}</th>
                <th scope="col">{t('stakeholders.erasure.requests.requestedAt')}</th>
                <th scope="col">{t('stakeholders.erasure.requests.dueAt')}</th>
                {canChange ? <th scope="col"><span class="visually-hidden">{t('stakeholders.erasure.requests.complete')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr>
                  <td>
                    <a href={`/stakeholders/${r.stakeholderId}`}>{r.name}</a>
                  </td>
                  <td>{r.organization}</td>
                  <td>{formatDateTime(r.requestedAt, locale)}</td>
                  <td>
                    <DueDate page={page} request={r} now={now} />
                  </td>
                  {canChange ? (
                    <td>
                      <form method="post" action={`/stakeholders/${r.stakeholderId}/erase`}>
                        <input type="hidden" name="back" value={ERASURE_REQUESTS_PATH} />
                        <button type="submit" class="button--danger">
                          {t('stakeholders.erasure.requests.complete')}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}
