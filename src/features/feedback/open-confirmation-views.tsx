/** Pages of an open-link address confirmation: what was given and one button (GET never confirms), then the outcome. */
import type { Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { EMAIL_CONFIRM_HOURS, type PendingConfirmation } from './open-confirmation';
import { sectionTitle } from './sections';

export function ConfirmEmailPage({ page, token, pending }: { page: PageContext; token: string; pending: PendingConfirmation }) {
  const { t, locale } = page;
  const title = t('openLink.confirm.title');
  const params = { title: pending.round.title, time: formatDateTime(pending.submittedAt, locale), name: pending.respondentName, email: pending.email };
  return (
    <Layout page={page} title={title} noindex>
      <article class="fb">
        <h1>{title}</h1>
        {pending.confirmedAt ? (
          <Notice kind="success">{t('openLink.confirm.done')}</Notice>
        ) : pending.expired ? (
          <Notice kind="warning">{t('openLink.confirm.expired', { hours: EMAIL_CONFIRM_HOURS })}</Notice>
        ) : null}
        <p>{t('openLink.confirm.intro', params)}</p>
        <section class="panel" aria-labelledby="confirm-opinions-heading">
          <h2 id="confirm-opinions-heading">{t('openLink.confirm.opinions')}</h2>
          <ul class="opinion-list">
            {pending.opinions.map((o) => (
              <li class="opinion-list__item">
                <p class="opinion-list__meta">{o.section ? sectionTitle(o.section, t) : t('feedback.whole.label')}</p>
                <p class="opinion-list__text pre-line">{o.text}</p>
              </li>
            ))}
          </ul>
        </section>
        {pending.confirmedAt || pending.expired ? null : (
          <form method="post" action={`/o/confirm/${token}`}>
            <p>{t('openLink.confirm.notMe')}</p>
            <button type="submit" class="button">
              {t('openLink.confirm.submit')}
            </button>
          </form>
        )}
      </article>
    </Layout>
  );
}

export function ConfirmLinkInvalidPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('openLink.confirm.invalid.title')} noindex>
      <section class="panel">
        <h1>{t('openLink.confirm.invalid.title')}</h1>
        <p>{t('openLink.confirm.invalid.body')}</p>
      </section>
    </Layout>
  );
}

/** For staff: an open-link opinion whose typed address is not confirmed belongs to nobody, whatever name it carries. */
export function EmailConfirmationBadge({ t, confirmed }: { t: Translator; confirmed: boolean | null }) {
  if (confirmed === null) return null;
  return confirmed ? (
    <span class="badge badge--ok">{t('openLink.badge.emailConfirmed')}</span>
  ) : (
    <span class="badge badge--warn">{t('openLink.badge.emailUnconfirmed')}</span>
  );
}
