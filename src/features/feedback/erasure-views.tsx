/** The erasure request behind a personal link: what erasure does, a confirm button, then the request's status. */
import { formatDate, formatDateTime } from '../../lib/time';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { ErasureRequestRow } from '../stakeholders/erasure-requests';
import type { FeedbackLink } from './service';

type Props = { page: PageContext; token: string; link: FeedbackLink; request: ErasureRequestRow | null; received?: boolean };

export function ErasureRequestPage({ page, token, link, request, received }: Props) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('stakeholders.erasure.page.title')} noindex>
      <article class="fb">
        <p class="muted">{link.round.title}</p>
        <h1>{t('stakeholders.erasure.page.title')}</h1>
        {request ? (
          <Notice kind={received ? 'success' : 'info'}>
            {received ? `${t('stakeholders.erasure.status.received')} ` : ''}
            {t('stakeholders.erasure.status.open', { time: formatDateTime(request.requestedAt, locale), due: formatDate(request.dueAt, locale) })}
          </Notice>
        ) : null}
        <p>{t('stakeholders.erasure.rule')}</p>
        {request ? null : (
          <form method="post" action={`/f/${token}/erase-request`}>
            <p>{t(link.stakeholder.email ? 'stakeholders.erasure.page.mailed' : 'stakeholders.erasure.page.noEmail')}</p>
            <div class="button-row">
              <button type="submit" class="button--danger">
                {t('stakeholders.erasure.page.confirm')}
              </button>
              <a class="button button--quiet" href={`/f/${token}`}>
                {t('stakeholders.erasure.page.cancel')}
              </a>
            </div>
          </form>
        )}
        {request ? (
          <p>
            <a href={`/f/${token}`}>{t('common.back')}</a>
          </p>
        ) : null}
      </article>
    </Layout>
  );
}
