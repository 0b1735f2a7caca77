/** The staff page of a round's versions: the list, a diff between any two, and (for organizers) the revision form. */
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, SelectField, TextArea } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { VersionDiff } from './diff-views';
import { DRAFT_MAX_CHARS } from './schemas';
import type { RoundWithSections } from './service';
import type { DiffEntry, Version } from './versions';
import { DraftFileField } from './views';

type VersionPageProps = {
  page: PageContext;
  round: RoundWithSections;
  versions: Omit<Version, 'sections'>[];
  compared: { a: number; b: number; entries: DiffEntry[] } | null;
  canRevise: boolean;
  draft: string;
  errors?: FieldErrors;
  flash?: string | null;
};

export function VersionPage({ page, round, versions, compared, canRevise, draft, errors, flash }: VersionPageProps) {
  const { t } = page;
  const options = versions.map((v) => ({ value: String(v.number), label: t('rounds.versions.createdAt', { number: t('rounds.versions.number', { number: v.number }), at: formatDateTime(v.createdAt, page.locale) }) }));
  return (
    <Layout page={page} title={t('rounds.versions.title', { title: round.title })} nav="rounds">
      <h1>{t('rounds.versions.title', { title: round.title })}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{round.title}</a>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={{ draft: t('rounds.field.draft'), draftFile: t('rounds.field.draftFile') }} />
      <section class="panel" aria-labelledby="compare-heading">
        <h2 id="compare-heading">{t('rounds.versions.compare')}</h2>
        {versions.length < 2 ? (
          <p>{t('rounds.versions.onlyOne')}</p>
        ) : (
          <form method="get" action={`/rounds/${round.id}/versions`} class="inline-fields">
            <SelectField name="a" label={t('rounds.versions.from')} value={String(compared?.a ?? '')} options={options} />
            <SelectField name="b" label={t('rounds.versions.to')} value={String(compared?.b ?? '')} options={options} />
            <button type="submit" class="button button--secondary">
              {t('rounds.versions.show')}
            </button>
          </form>
        )}
        {compared ? (
          <>
            <h3>{t('rounds.versions.diffHeading', { a: compared.a, b: compared.b })}</h3>
            <VersionDiff t={t} entries={compared.entries} />
          </>
        ) : null}
      </section>
      {canRevise ? (
        <section class="panel" aria-labelledby="revise-heading">
          <h2 id="revise-heading">{t('rounds.versions.revise')}</h2>
          <p class="field__hint">{t('rounds.versions.revise.hint')}</p>
          <form method="post" action={`/rounds/${round.id}/versions`} enctype="multipart/form-data" novalidate>
            <TextArea name="draft" label={t('rounds.field.draft')} hint={t('rounds.field.draft.hint', { max: DRAFT_MAX_CHARS })} value={draft} error={errors?.draft} rows={14} />
            <DraftFileField page={page} error={errors?.draftFile} />
            <button type="submit" class="button">
              {t('rounds.versions.revise.submit')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
