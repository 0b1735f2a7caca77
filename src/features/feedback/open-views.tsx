/** Pages of the open link: a form asking who is commenting, the same comments per section, thanks, too many tries. */
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, SelectField, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { DraftWithComments, PublicationChoice, StanceChoice } from './comment-fields';
import type { FeedbackFormValues } from './form';
import type { OpenLinkRound } from './open-link';
import { EMAIL_MAX } from '../auth/schemas';
import { RESPONDENT_NAME_MAX, RESPONDENT_ORGANIZATION_MAX } from './schemas';
import { ContactBlock, fieldLabels, RoundFacts } from './views';

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = 'website';

export type OpenFormValues = FeedbackFormValues & { name: string; organization: string; category: string; email: string };

export function OpenFeedbackPage(props: { page: PageContext; token: string; target: OpenLinkRound; values: OpenFormValues; errors?: FieldErrors }) {
  const { page, token, target, values, errors } = props;
  const { t } = page;
  const labels = {
    ...fieldLabels(t, target.sections),
    name: t('feedback.open.name'),
    organization: t('feedback.open.organization'),
    category: t('feedback.open.category'),
    email: t('feedback.open.email'),
  };
  return (
    <Layout page={page} title={target.round.title} noindex>
      <article class="fb">
        <h1>{target.round.title}</h1>
        <ErrorSummary t={t} errors={errors} labels={labels} />
        <RoundFacts page={page} round={target.round} />
        <p>{t('feedback.open.intro')}</p>
        <form method="post" action={`/o/${token}`} class="fb-form">
          <TextField name="name" label={labels.name} value={values.name} error={errors?.name} required maxLength={RESPONDENT_NAME_MAX} autocomplete="name" />
          <TextField
            name="organization"
            label={labels.organization}
            value={values.organization}
            error={errors?.organization}
            maxLength={RESPONDENT_ORGANIZATION_MAX}
            autocomplete="organization"
            optionalLabel={t('common.optional')}
          />
          <SelectField
            name="category"
            label={labels.category}
            value={values.category}
            error={errors?.category}
            required
            emptyLabel={t('feedback.open.categoryChoose')}
            options={STAKEHOLDER_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
          />
          <TextField
            name="email"
            type="email"
            label={labels.email}
            hint={t('feedback.open.emailHint')}
            value={values.email}
            error={errors?.email}
            maxLength={EMAIL_MAX}
            autocomplete="email"
            optionalLabel={t('common.optional')}
          />
          <div class="fb-trap" aria-hidden="true">
            <label for={HONEYPOT_FIELD}>{t('feedback.open.honeypot')}</label>
            <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" value="" />
          </div>
          <DraftWithComments t={t} sections={target.sections} values={values} errors={errors} />
          <StanceChoice t={t} value={values.stance} error={errors?.stance} />
          <PublicationChoice
            t={t}
            value={values.publication}
            error={errors?.publication}
            hint={`${t('feedback.publication.hint')}${t('feedback.publication.defaultHint')}`}
          />
          <div class="button-row">
            <button type="submit" class="button">
              {t('feedback.action.submit')}
            </button>
          </div>
        </form>
        <ContactBlock t={t} round={target.round} />
      </article>
    </Layout>
  );
}

export function OpenThanksPage({ page, target }: { page: PageContext; target: OpenLinkRound }) {
  return (
    <Layout page={page} title={page.t('feedback.open.thanks.heading')} noindex>
      <article class="fb">
        <h1>{page.t('feedback.open.thanks.heading')}</h1>
        <Notice kind="success">{page.t('feedback.open.thanks.body')}</Notice>
        <ContactBlock t={page.t} round={target.round} />
      </article>
    </Layout>
  );
}

export function OpenClosedPage({ page, target }: { page: PageContext; target: OpenLinkRound }) {
  const { t, locale } = page;
  const { round } = target;
  const closedAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
  return (
    <Layout page={page} title={round.title} noindex>
      <article class="fb">
        <h1>{round.title}</h1>
        <h2>{t('feedback.closed.heading')}</h2>
        <p>{t('feedback.closed.refused', { date: formatDateTime(closedAt, locale) })}</p>
        <ContactBlock t={t} round={round} />
      </article>
    </Layout>
  );
}

export function RateLimitedPage({ page, limit, minutes }: { page: PageContext; limit: number; minutes: number }) {
  return (
    <Layout page={page} title={page.t('feedback.rateLimited.title')} noindex>
      <section class="panel">
        <h1>{page.t('feedback.rateLimited.title')}</h1>
        <p>{page.t('feedback.rateLimited.body', { limit, minutes })}</p>
      </section>
    </Layout>
  );
}
