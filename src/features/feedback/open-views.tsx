/** Pages of the open link: a form asking who is commenting, the same comments per section, the receipt, a closed round. */
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, SelectField, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { DraftWithComments, isFoldable, PublicationChoice, StanceChoice } from './comment-fields';
import type { FeedbackFormValues } from './form';
import type { OpenLinkRound, OpenReceipt } from './open-link';
import { EMAIL_MAX } from '../auth/schemas';
import { RESPONDENT_NAME_MAX, RESPONDENT_ORGANIZATION_MAX } from './schemas';
import { fieldLabels } from './views';
import { ContactBlock } from './link-parts';
import { DraftTools, RoundFacts, type PageTop } from './page-top';

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = 'website';

/** Hidden field carrying the form's idempotency key: a second press of submit is the same submission. */
export const IDEMPOTENCY_FIELD = 'submission';

export type OpenFormValues = FeedbackFormValues & { name: string; organization: string; category: string; email: string; idempotencyKey: string };

type OpenFeedbackPageProps = {
  page: PageContext;
  token: string;
  target: OpenLinkRound;
  values: OpenFormValues;
  errors?: FieldErrors;
  /** Why the submission was refused (limit, closed round); the form keeps everything typed beneath it. */
  refusal?: string;
  /** False once the round is closed: the text stays on the page to be copied, but there is nothing to submit. */
  canSubmit?: boolean;
  top: PageTop;
  /** Every section open (the "open all" link followed without scripts). */
  expandAll?: boolean;
};

export function OpenFeedbackPage(props: OpenFeedbackPageProps) {
  const { page, token, target, values, errors, refusal, canSubmit = true, top, expandAll } = props;
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
        {refusal ? <Notice kind="warning">{refusal}</Notice> : null}
        <RoundFacts page={page} round={target.round} top={top} />
        <p>{t('feedback.open.intro')}</p>
        <form method="post" action={`/o/${token}`} class="fb-form">
          <input type="hidden" name={IDEMPOTENCY_FIELD} value={values.idempotencyKey} />
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
          <StanceChoice t={t} value={values.stance} error={errors?.stance} />
          <DraftWithComments
            t={t}
            sections={target.sections}
            values={values}
            errors={errors}
            expandAll={expandAll}
            tools={
              <DraftTools page={page} sections={target.sections} downloadHref={`/o/${token}/draft.docx`} expandAllHref={`/o/${token}?expand=all#fb-draft`} foldable={isFoldable(target.sections) && !expandAll} />
            }
          />
          <PublicationChoice
            t={t}
            value={values.publication}
            error={errors?.publication}
            hint={`${t('feedback.publication.hint')}${t('feedback.publication.defaultHint')}`}
          />
          {canSubmit ? (
            <div class="button-row">
              <button type="submit" class="button">
                {t('feedback.action.submit')}
              </button>
            </div>
          ) : null}
        </form>
        <ContactBlock t={t} round={target.round} office={top.office} />
      </article>
    </Layout>
  );
}

/** A short number to quote on the phone: the last characters of the response id. */
export function receiptNumber(responseId: string): string {
  return responseId.slice(-8).toUpperCase();
}

export function OpenThanksPage({ page, target, receipt }: { page: PageContext; target: OpenLinkRound; receipt: OpenReceipt | null }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('feedback.open.thanks.heading')} noindex>
      <article class="fb">
        <h1>{t('feedback.open.thanks.heading')}</h1>
        <Notice kind="success">{t('feedback.open.thanks.body')}</Notice>
        {receipt?.replayed ? <p>{t('openLink.receipt.replayed')}</p> : null}
        {receipt ? (
          <p class="fb-receipt">
            {t('openLink.receipt.number', { number: receiptNumber(receipt.responseId) })}
            <br />
            {t('openLink.receipt.time', { time: formatDateTime(receipt.submittedAt, locale) })}
          </p>
        ) : null}
        <ContactBlock t={t} round={target.round} />
      </article>
    </Layout>
  );
}

/** When the round actually stopped taking comments: closed early by staff, or at its closing time. */
export function closedAtOf(round: OpenLinkRound['round']): Date {
  return round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
}

export function OpenClosedPage({ page, target }: { page: PageContext; target: OpenLinkRound }) {
  const { t, locale } = page;
  const { round } = target;
  const closedAt = closedAtOf(round);
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
