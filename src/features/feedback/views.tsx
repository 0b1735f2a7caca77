/** Pages behind a personal link: the feedback form, the closed and not-yet-open rounds, the plain 404. */
import type { Channel } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import { OfflineFormLinks } from '../inbound/form-views';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { WeChatDownloadHint } from '../../ui/wechat';
import type { Office } from '../settings/office';
import { AttachmentInput, AttachmentList } from './attachment-views';
import { BaseFields, DraftWithComments, GivenComments, isFoldable, PublicationChoice, StanceChoice } from './comment-fields';
import { fieldName, type FeedbackFormValues } from './form';
import { conflictData, ContactBlock, DeclineForm, EraseRequest, PendingNotice, StickyBar } from './link-parts';
import { DraftTools, RoundFacts, type PageTop } from './page-top';
import { WHOLE_SLOT } from './schemas';
import { sectionTitle, type SectionRow } from './sections';
import type { FeedbackLink, SavedFeedback } from './service';
import type { OwnOutcome } from '../publication/results';
import { OwnOutcomes } from '../publication/views';

export type PageNotice = { kind: 'info' | 'success' | 'warning'; text: string };

/** Error summary entries name the section they belong to. */
export function fieldLabels(t: Translator, sections: readonly SectionRow[]): Record<string, string> {
  const labels: Record<string, string> = { [WHOLE_SLOT]: t('feedback.whole.label'), stance: t('feedback.stance.legend'), publication: t('feedback.publication.legend'), attachments: t('feedback.attachments.heading') };
  for (const section of sections) labels[fieldName(section.id)] = sectionTitle(section, t);
  return labels;
}

export type FeedbackPageProps = {
  page: PageContext;
  token: string;
  link: FeedbackLink;
  saved: SavedFeedback;
  values: FeedbackFormValues;
  top: PageTop;
  errors?: FieldErrors;
  declineError?: string;
  notice?: PageNotice;
  /** A refusal of the whole post (the rate limit), shown above the form that keeps what was typed. */
  formError?: string;
  /** By slot: texts saved elsewhere that this post would have overwritten. */
  conflicts?: Record<string, string>;
  /** Every section open (the "open all" link followed without scripts). */
  expandAll?: boolean;
};

export function FeedbackPage(props: FeedbackPageProps) {
  const { page, token, link, saved, values, top, errors, declineError, notice, formError, conflicts, expandAll } = props;
  const { t, locale } = page;
  const { round, stakeholder } = link;
  const response = saved.response;
  const submitted = response?.status === 'submitted';
  const tools = (
    <DraftTools page={page} sections={link.sections} downloadHref={`/f/${token}/draft.docx`} expandAllHref={`/f/${token}?expand=all#fb-draft`} foldable={isFoldable(link.sections) && !expandAll} />
  );
  return (
    <Layout page={page} title={round.title} noindex>
      <article class="fb">
        <h1>{round.title}</h1>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {submitted && response.submittedAt ? <Notice>{t('feedback.status.submitted', { time: formatDateTime(response.submittedAt, locale) })}</Notice> : null}
        {link.invitation.status === 'declined' && !submitted ? <Notice>{t('feedback.status.declined')}</Notice> : null}
        {saved.pendingChanges ? <PendingNotice t={t} submitted={submitted} /> : null}
        {formError ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{formError}</p>
          </div>
        ) : null}
        {errors ? <ErrorSummary t={t} errors={errors} labels={fieldLabels(t, link.sections)} /> : null}
        <RoundFacts page={page} round={round} top={top} />
        {stakeholder.name ? <p>{t('feedback.greeting', { name: stakeholder.name })}</p> : null}
        <p>{t('feedback.intro')}</p>
        <form method="post" action={`/f/${token}`} enctype="multipart/form-data" class="fb-form" id="fb-form" data-autosave={`/f/${token}/autosave`} {...conflictData(t)}>
          <BaseFields values={values} />
          <StanceChoice t={t} value={values.stance} error={errors?.stance} />
          <DraftWithComments t={t} sections={link.sections} values={values} errors={errors} conflicts={conflicts} tools={tools} expandAll={expandAll} />
          <PublicationChoice t={t} value={values.publication} error={errors?.publication} hint={t('feedback.publication.hint')} />
          <AttachmentInput t={t} error={errors?.attachments} />
          <StickyBar t={t} submitted={submitted} />
        </form>
        <AttachmentList t={t} token={token} attachments={saved.attachments} removable inWeChat={page.inWeChat} />
        <OfflineFormLinks t={t} token={token} />
        <WeChatDownloadHint t={t} inWeChat={page.inWeChat} />
        <ContactBlock t={t} round={round} office={top.office} />
        {link.invitation.status === 'responded' || link.invitation.status === 'declined' ? null : (
          <DeclineForm t={t} token={token} error={declineError} email={stakeholder.erasedAt ? null : stakeholder.email} />
        )}
        <EraseRequest t={t} token={token} />
      </article>
    </Layout>
  );
}

/** A closed round: what was given, read-only, and anything just typed that could not be saved. */
export function ClosedPage(props: {
  page: PageContext;
  token: string;
  link: FeedbackLink;
  saved: SavedFeedback;
  refused?: boolean;
  unsaved?: Record<string, string>;
  notice?: PageNotice;
  /** Once the results are published: what became of each of this stakeholder's opinions. */
  outcomes?: OwnOutcome[];
  /** How staff heard this stakeholder's opinions in this round other than through this link (phone, in person…). */
  heardOffline?: Channel[];
  office?: Office;
}) {
  const { page, token, link, saved, refused, unsaved, notice, outcomes, heardOffline = [], office } = props;
  const { t, locale } = page;
  const { round } = link;
  const closedAt = round.closedAt && round.closedAt < round.closesAt ? round.closedAt : round.closesAt;
  const date = formatDateTime(closedAt, locale);
  const submitted = saved.response?.status === 'submitted';
  const texts = submitted ? saved.submitted : saved.texts;
  const hasText = Object.values(texts).some(Boolean);
  const unsavedTexts = Object.fromEntries(Object.entries(unsaved ?? {}).filter(([slot, text]) => text.trim() !== '' && text !== saved.texts[slot]));
  return (
    <Layout page={page} title={round.title} noindex>
      <article class="fb">
        <h1>{round.title}</h1>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {refused ? (
          <div class="error-summary" role="alert">
            <p>{t('feedback.closed.refused', { date })}</p>
          </div>
        ) : null}
        <h2>{t('feedback.closed.heading')}</h2>
        <p>{closedSummary(page, { submitted, hasText, heardOffline, date })}</p>
        {submitted && saved.response?.stance ? (
          <dl class="facts fb-facts">
            <dt>{t('feedback.stance.legend')}</dt>
            <dd>{t(`feedback.stance.${saved.response.stance}`)}</dd>
            <dt>{t('feedback.publication.legend')}</dt>
            <dd>{t(`feedback.publication.${saved.response.publication}`)}</dd>
          </dl>
        ) : null}
        {outcomes && outcomes.length && round.publishedAt ? (
          <OwnOutcomes t={t} locale={locale} roundId={round.id} publishedAt={round.publishedAt} outcomes={outcomes} />
        ) : (
          <GivenComments t={t} sections={link.sections} texts={texts} />
        )}
        {submitted && saved.pendingChanges ? (
          <section class="panel">
            <h2>{t('feedback.closed.pending')}</h2>
            <GivenComments t={t} sections={link.sections} texts={changedSince(saved)} />
          </section>
        ) : null}
        {Object.keys(unsavedTexts).length ? (
          <section class="panel">
            <h2>{t('feedback.closed.unsaved')}</h2>
            <GivenComments t={t} sections={link.sections} texts={unsavedTexts} />
          </section>
        ) : null}
        <AttachmentList t={t} token={token} attachments={saved.attachments} removable={false} inWeChat={page.inWeChat} />
        <ContactBlock t={t} round={round} office={office} />
        <EraseRequest t={t} token={token} />
      </article>
    </Layout>
  );
}

/** What the person gave in the closed round: submitted, saved only, heard by staff (by phone, in person), or nothing. */
function closedSummary(page: PageContext, given: { submitted: boolean; hasText: boolean; heardOffline: Channel[]; date: string }): string {
  const { t, locale } = page;
  if (given.submitted) return t('feedback.closed.body', { date: given.date });
  if (given.hasText) return t('feedback.closed.notSubmitted');
  if (given.heardOffline.length) {
    // The channel names are labels ("Phone"); inside an English sentence they read in lower case.
    const names = given.heardOffline.map((channel) => (locale === 'en' ? t(`rounds.channel.${channel}`).toLowerCase() : t(`rounds.channel.${channel}`)));
    const channels = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    return t('feedback.closed.heardOffline', { channels });
  }
  return t('feedback.closed.nothing');
}

/** Comments saved after the last submission and never sent (an emptied one is not shown). */
function changedSince(saved: SavedFeedback): Record<string, string> {
  return Object.fromEntries(Object.entries(saved.texts).filter(([slot, text]) => text !== '' && text !== (saved.submitted[slot] ?? '')));
}

export function NotOpenPage({ page, round }: { page: PageContext; round: FeedbackLink['round'] }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={round.title} noindex>
      <article class="fb">
        <h1>{round.title}</h1>
        <h2>{t('feedback.notOpen.heading')}</h2>
        <p>{t('feedback.notOpen.body', { date: formatDateTime(round.opensAt, locale) })}</p>
        <ContactBlock t={t} round={round} />
      </article>
    </Layout>
  );
}

/** The same page for an unknown and a revoked token: a link reveals nothing about others. */
export function LinkNotFoundPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('feedback.notFound.title')} noindex>
      <section class="panel">
        <h1>{t('feedback.notFound.title')}</h1>
        <p>{t('feedback.notFound.body')}</p>
      </section>
    </Layout>
  );
}
