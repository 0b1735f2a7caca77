/** Pages behind a personal link: the feedback form, the closed and not-yet-open rounds, the plain 404. */
import type { Translator } from '../../lib/i18n';
import { OfflineFormLinks } from '../inbound/form-views';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { AttachmentInput, AttachmentList } from './attachment-views';
import { BaseFields, DraftWithComments, GivenComments, PublicationChoice, StanceChoice } from './comment-fields';
import { fieldName, type FeedbackFormValues } from './form';
import { WHOLE_SLOT } from './schemas';
import { sectionTitle, type SectionRow } from './sections';
import type { FeedbackLink, SavedFeedback } from './service';
import type { OwnOutcome } from '../publication/results';
import { OwnOutcomes } from '../publication/views';

export type PageNotice = { kind: 'info' | 'success' | 'warning'; text: string };

export type RoundInfo = FeedbackLink['round'];

export function ContactBlock({ t, round }: { t: Translator; round: RoundInfo }) {
  if (!round.contactName && !round.contactPhone && !round.contactAddress) return null;
  return (
    <section class="panel fb-contact" aria-labelledby="fb-contact-heading">
      <h2 id="fb-contact-heading">{t('feedback.contact.heading')}</h2>
      <dl class="facts fb-facts">
        {round.contactName ? [<dt>{t('feedback.contact.name')}</dt>, <dd>{round.contactName}</dd>] : null}
        {round.contactPhone ? [<dt>{t('feedback.contact.phone')}</dt>, <dd>{round.contactPhone}</dd>] : null}
        {round.contactAddress ? [<dt>{t('feedback.contact.address')}</dt>, <dd>{round.contactAddress}</dd>] : null}
      </dl>
    </section>
  );
}

export function RoundFacts({ page, round }: { page: PageContext; round: RoundInfo }) {
  const { t, locale } = page;
  return (
    <dl class="facts fb-facts">
      {round.purpose ? [<dt>{t('feedback.round.purpose')}</dt>, <dd>{round.purpose}</dd>] : null}
      <dt>{t('feedback.round.deadline')}</dt>
      <dd>{formatDateTime(round.closesAt, locale)}</dd>
    </dl>
  );
}

function EraseRequest({ t, token }: { t: Translator; token: string }) {
  return (
    <section class="panel fb-secondary" aria-labelledby="fb-erase-heading">
      <h2 id="fb-erase-heading">{t('feedback.erase.heading')}</h2>
      <p>{t('feedback.erase.explain')}</p>
      <p>
        <a class="button button--quiet" href={`/f/${token}/erase-request`}>
          {t('feedback.erase.button')}
        </a>
      </p>
    </section>
  );
}

function DeclineForm({ t, token, error }: { t: Translator; token: string; error?: string }) {
  return (
    <section class="panel fb-secondary" aria-labelledby="fb-decline-heading">
      <h2 id="fb-decline-heading">{t('feedback.decline.heading')}</h2>
      <p>{t('feedback.decline.explain')}</p>
      <form method="post" action={`/f/${token}/decline`}>
        <div class={error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
          {error ? (
            <p class="field__error" id="confirm-error">
              {error}
            </p>
          ) : null}
          <input id="confirm" name="confirm" type="checkbox" value="1" required aria-describedby={error ? 'confirm-error' : undefined} />
          <label for="confirm">{t('feedback.decline.confirm')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('feedback.decline.button')}
        </button>
      </form>
    </section>
  );
}

/** Error summary entries name the section they belong to. */
export function fieldLabels(t: Translator, sections: SectionRow[]): Record<string, string> {
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
  errors?: FieldErrors;
  declineError?: string;
  notice?: PageNotice;
  /** A refusal of the whole post (the rate limit), shown above the form that keeps what was typed. */
  formError?: string;
  /** By slot: texts saved elsewhere that this post would have overwritten. */
  conflicts?: Record<string, string>;
};

/** Shown on every visit while saved work differs from what staff have, with the button that sends it. */
function PendingNotice({ t, submitted }: { t: Translator; submitted: boolean }) {
  return (
    <div class="notice notice--warning fb-pending" role="status">
      <p>
        <strong>{t('feedback.pending.heading')}</strong> {t(submitted ? 'feedback.pending.afterSubmit' : 'feedback.pending.notSubmitted')}
      </p>
      <button type="submit" form="fb-form" name="action" value="submit" class="button">
        {submitted ? t('feedback.action.resubmit') : t('feedback.action.submit')}
      </button>
    </div>
  );
}

/** The words the autosave script needs to show a conflict it meets while typing. */
function conflictData(t: Translator) {
  return {
    'data-conflict-heading': t('feedback.conflict.heading'),
    'data-conflict-explain': t('feedback.conflict.explain'),
    'data-conflict-saved': t('feedback.conflict.saved'),
    'data-conflict-saved-empty': t('feedback.conflict.savedEmpty'),
    'data-keep-mine': t('feedback.conflict.keepMine'),
    'data-keep-saved': t('feedback.conflict.keepSaved'),
  };
}

export function FeedbackPage({ page, token, link, saved, values, errors, declineError, notice, formError, conflicts }: FeedbackPageProps) {
  const { t, locale } = page;
  const { round, stakeholder } = link;
  const response = saved.response;
  const submitted = response?.status === 'submitted';
  return (
    <Layout page={page} title={round.title} noindex>
      <article class="fb">
        <h1>{round.title}</h1>
        {stakeholder.name ? <p>{t('feedback.greeting', { name: stakeholder.name })}</p> : null}
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {submitted && response.submittedAt ? <Notice>{t('feedback.status.submitted', { time: formatDateTime(response.submittedAt, locale) })}</Notice> : null}
        {link.invitation.status === 'declined' && !submitted ? <Notice>{t('feedback.status.declined')}</Notice> : null}
        {saved.pendingChanges ? <PendingNotice t={t} submitted={submitted} /> : null}
        {formError ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{formError}</p>
          </div>
        ) : null}
        <ErrorSummary t={t} errors={errors} labels={fieldLabels(t, link.sections)} />
        <RoundFacts page={page} round={round} />
        <p>{t('feedback.intro')}</p>
        <form method="post" action={`/f/${token}`} enctype="multipart/form-data" class="fb-form" id="fb-form" data-autosave={`/f/${token}/autosave`} {...conflictData(t)}>
          <BaseFields values={values} />
          <DraftWithComments t={t} sections={link.sections} values={values} errors={errors} conflicts={conflicts} />
          <StanceChoice t={t} value={values.stance} error={errors?.stance} />
          <PublicationChoice t={t} value={values.publication} error={errors?.publication} hint={t('feedback.publication.hint')} />
          <AttachmentInput t={t} error={errors?.attachments} />
          <p
            class="fb-autosave muted"
            id="fb-autosave-status"
            aria-live="polite"
            data-saving={t('feedback.autosave.saving')}
            data-saved={t('feedback.autosave.saved', { time: '{time}' })}
            data-saved-pending={t(submitted ? 'feedback.autosave.savedPending' : 'feedback.autosave.saved', { time: '{time}' })}
            data-failed={t('feedback.autosave.failed')}
          ></p>
          <div class="button-row fb-actions">
            <button type="submit" name="action" value="save" class="button button--secondary">
              {t('feedback.action.save')}
            </button>
            <button type="submit" name="action" value="submit" class="button">
              {submitted ? t('feedback.action.resubmit') : t('feedback.action.submit')}
            </button>
          </div>
        </form>
        <AttachmentList t={t} token={token} attachments={saved.attachments} removable />
        <OfflineFormLinks t={t} token={token} />
        <ContactBlock t={t} round={round} />
        {link.invitation.status === 'responded' || link.invitation.status === 'declined' ? null : (
          <DeclineForm t={t} token={token} error={declineError} />
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
}) {
  const { page, token, link, saved, refused, unsaved, notice, outcomes } = props;
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
        <p>{submitted ? t('feedback.closed.body', { date }) : hasText ? t('feedback.closed.notSubmitted') : t('feedback.closed.nothing')}</p>
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
        <AttachmentList t={t} token={token} attachments={saved.attachments} removable={false} />
        <ContactBlock t={t} round={round} />
        <EraseRequest t={t} token={token} />
      </article>
    </Layout>
  );
}

/** Comments saved after the last submission and never sent (an emptied one is not shown). */
function changedSince(saved: SavedFeedback): Record<string, string> {
  return Object.fromEntries(Object.entries(saved.texts).filter(([slot, text]) => text !== '' && text !== (saved.submitted[slot] ?? '')));
}

export function NotOpenPage({ page, round }: { page: PageContext; round: RoundInfo }) {
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

/** A short confirmation after declining or asking for erasure, with the way back. */
export function DonePage({ page, token, link, text }: { page: PageContext; token: string; link: FeedbackLink; text: string }) {
  return (
    <Layout page={page} title={link.round.title} noindex>
      <article class="fb">
        <h1>{link.round.title}</h1>
        <Notice kind="success">{text}</Notice>
        <p>
          <a href={`/f/${token}`}>{page.t('common.back')}</a>
        </p>
      </article>
    </Layout>
  );
}
