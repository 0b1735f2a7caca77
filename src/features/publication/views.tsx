/** The publish page (staff), the public "you said, we did" page, and a stakeholder's own outcomes. */
import { opinionSectionName, sectionOrWhole } from '../rounds/section-name';
import { DISPOSITIONS } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, TextArea } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { DispositionBadge } from '../opinions/fields';
import { VersionDiff } from '../rounds/diff-views';
import { LedToChange } from './led-to-change';
import { publicAuthor, type OwnOutcome, type PublicResults } from './results';
import { REVISED_DRAFT_MAX } from './service';

type ManageRound = { id: string; title: string; status: string; publishedAt: Date | null; revisedDraft: string | null };

export function ManagePage({ page, round, pending, revisedDraft, errors, flash }: { page: PageContext; round: ManageRound; pending: number; revisedDraft: string; errors?: FieldErrors; flash?: string | null }) {
  const { t, locale } = page;
  const heading = t('publication.manage.title', { title: round.title });
  const closed = round.status === 'closed';
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{round.title}</a> · <a href={`/rounds/${round.id}/triage`}>{t('opinions.round.triage')}</a>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={{ revisedDraft: t('publication.manage.revisedDraft') }} />
      <p>{t('publication.manage.intro')}</p>
      <section class="panel">
        <p>{round.publishedAt ? t('publication.manage.published', { time: formatDateTime(round.publishedAt, locale) }) : t('publication.manage.notPublished')}</p>
        {round.publishedAt ? (
          <p>
            <a href={`/p/${round.id}`}>{t('publication.manage.link')}</a>
          </p>
        ) : null}
        {!closed ? <p class="notice notice--warning">{t('publication.manage.notClosed')}</p> : null}
        {closed && pending > 0 ? <p class="notice notice--warning">{t('publication.manage.pending', { count: pending })}</p> : null}
      </section>
      {closed ? (
        <form method="post" action={`/rounds/${round.id}/publish`} class="panel" novalidate>
          <TextArea
            name="revisedDraft"
            label={t('publication.manage.revisedDraft')}
            hint={t('publication.manage.revisedDraftHint', { max: REVISED_DRAFT_MAX })}
            value={revisedDraft}
            error={errors?.revisedDraft}
            maxLength={REVISED_DRAFT_MAX}
            rows={8}
          />
          <button type="submit">{round.publishedAt ? t('publication.manage.republish') : t('publication.manage.publish')}</button>
        </form>
      ) : null}
      {round.publishedAt ? (
        <form method="post" action={`/rounds/${round.id}/unpublish`}>
          <button type="submit" class="button button--quiet">
            {t('publication.manage.unpublish')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function sectionTitle(t: Translator, section: { number: string; heading: string } | null) {
  return sectionOrWhole(t, section);
}

export function PublicPage({ page, results }: { page: PageContext; results: PublicResults }) {
  const { t, locale } = page;
  const { round } = results;
  const heading = t('publication.page.title', { title: round.title });
  // Whole-draft opinions first, then sections in draft order; sections without opinions are left out.
  const groups = [null, ...results.sections].map((section) => ({ section, items: results.opinions.filter((o) => o.sectionId === (section?.id ?? null)) })).filter((g) => g.items.length > 0);
  const contact = [round.contactName, round.contactPhone, round.contactAddress].filter(Boolean).join('，');
  return (
    <Layout page={page} title={heading}>
      <article class="results">
        <h1>{heading}</h1>
        <p class="muted">{t('publication.page.publishedAt', { time: formatDateTime(round.publishedAt!, locale) })}</p>
        <p>{t('publication.page.intro')}</p>
        <section class="panel" aria-labelledby="results-counts">
          <h2 id="results-counts">{t('publication.page.counts')}</h2>
          <dl class="results-counts">
            <div>
              <dt>{t('publication.page.invited')}</dt>
              <dd>{results.invited}</dd>
            </div>
            <div>
              <dt>{t('publication.page.responded')}</dt>
              <dd>{results.responded}</dd>
            </div>
            <div>
              <dt>{t('publication.page.opinions')}</dt>
              <dd>{results.opinions.length}</dd>
            </div>
            {DISPOSITIONS.map((d) => (
              <div>
                <dt>{t(`opinions.disposition.${d}`)}</dt>
                <dd>{results.byDisposition[d]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="results-sections">
          <h2 id="results-sections">{t('publication.page.bySection')}</h2>
          {groups.length === 0 ? <p>{t('publication.page.none')}</p> : null}
          {groups.map(({ section, items }) => (
            <section class="panel results-section">
              <h3>{sectionTitle(t, section)}</h3>
              <ol class="results-list">
                {items.map((o) => (
                  <li class="results-item">
                    <p class="results-item__author">{publicAuthor(t, o.author)}</p>
                    <p class="pre-line">{o.text}</p>
                    <p>
                      <DispositionBadge t={t} disposition={o.disposition} />
                    </p>
                    {o.reply ? <p class="results-item__reply pre-line">{t('common.labelled', { label: t('publication.page.reply'), text: o.reply })}</p> : null}
                    <LedToChange t={t} changes={o.changes} />
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
        {results.changes.length ? (
          <section class="panel" aria-labelledby="results-changes">
            <h2 id="results-changes">{t('publication.page.changes')}</h2>
            <VersionDiff t={t} entries={results.changes} />
          </section>
        ) : null}
        {round.revisedDraft ? (
          <section class="panel" aria-labelledby="results-revised">
            <h2 id="results-revised">{t('publication.page.revisedDraft')}</h2>
            <div class="pre-line results-draft">{round.revisedDraft}</div>
          </section>
        ) : null}
        {contact ? (
          <p class="muted">
            {t('publication.page.contact')}：{contact}
          </p>
        ) : null}
      </article>
    </Layout>
  );
}

export function PublicNotFoundPage({ page }: { page: PageContext }) {
  return (
    <Layout page={page} title={page.t('error.not_found.title')}>
      <section class="panel">
        <h1>{page.t('error.not_found.title')}</h1>
        <p>{page.t('publication.page.notFound')}</p>
      </section>
    </Layout>
  );
}

/** Shown behind a stakeholder's link once the results are published: their own words and what became of them. */
export function OwnOutcomes({ t, locale, roundId, publishedAt, outcomes }: { t: Translator; locale: PageContext['locale']; roundId: string; publishedAt: Date; outcomes: OwnOutcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <section class="panel outcomes" aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading">{t('publication.outcomes.heading')}</h2>
      <p>{t('publication.outcomes.intro', { time: formatDateTime(publishedAt, locale) })}</p>
      <ol class="results-list">
        {outcomes.map((o) => (
          <li class="results-item">
            <p class="results-item__author">{opinionSectionName(t, o)}</p>
            <p class="pre-line">{o.text}</p>
            <p>
              <DispositionBadge t={t} disposition={o.disposition} />
            </p>
            {o.reply ? <p class="results-item__reply pre-line">{t('common.labelled', { label: t('publication.page.reply'), text: o.reply })}</p> : null}
            <LedToChange t={t} changes={o.changes} />
          </li>
        ))}
      </ol>
      <p>
        <a href={`/p/${roundId}`}>{t('publication.outcomes.public')}</a>
      </p>
    </section>
  );
}
