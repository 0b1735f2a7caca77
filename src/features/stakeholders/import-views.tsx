/** Import pages: the upload form, the dry-run preview with its confirm step, and the result. */
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { ImportCounts, ImportError, ImportPlan } from './import';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import-parse';
import { EMAIL_MAX, NAME_MAX, NOTES_MAX, ORGANIZATION_MAX, PHONE_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX } from './schemas';
import { TableWrap } from '../../ui/table-wrap';

const MB = 1024 * 1024;

export function ImportFormPage({ page, error }: { page: PageContext; error?: string }) {
  const { t } = page;
  const hint = t('stakeholders.import.hint', { mb: IMPORT_MAX_BYTES / MB, rows: IMPORT_MAX_ROWS });
  const limits = t('stakeholders.import.limits', {
    name: NAME_MAX,
    organization: ORGANIZATION_MAX,
    title: TITLE_MAX,
    email: EMAIL_MAX,
    phone: PHONE_MAX,
    notes: NOTES_MAX,
    tag: TAG_MAX,
    tags: TAGS_MAX,
  });
  return (
    <Layout page={page} title={t('stakeholders.import')} nav="stakeholders">
      <div class="narrow">
        <h1>{t('stakeholders.import')}</h1>
        {error ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{t('common.fixErrors')}</p>
            <ul>
              <li>
                <a href="#file">{error}</a>
              </li>
            </ul>
          </div>
        ) : null}
        <form method="post" action="/stakeholders/import" enctype="multipart/form-data">
          <div class={error ? 'field field--error' : 'field'}>
            <label for="file">{t('stakeholders.import.file')}</label>
            <p class="field__hint" id="file-hint">
              {hint}
            </p>
            <p class="field__hint" id="file-limits">
              {limits} {t('stakeholders.import.matching')}
            </p>
            {error ? (
              <p class="field__error" id="file-error">
                {error}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={['file-hint', 'file-limits', error ? 'file-error' : ''].filter(Boolean).join(' ')}
            />
          </div>
          <div class="button-row">
            <button type="submit">{t('stakeholders.import.preview')}</button>
            <a class="button button--quiet" href="/stakeholders">
              {t('common.cancel')}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

function Counts({ page, counts }: { page: PageContext; counts: ImportCounts }) {
  return <p class="import-counts">{page.t('stakeholders.import.counts', counts)}</p>;
}

function ErrorsTable({ page, errors }: { page: PageContext; errors: ImportError[] }) {
  const { t } = page;
  if (errors.length === 0) return null;
  return (
    <TableWrap>
      <table class="table import-errors">
        <caption>{t('stakeholders.import.errorsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stakeholders.import.row')}</th>
            <th scope="col">{t('stakeholders.import.column')}</th>
            <th scope="col">{t('stakeholders.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr>
              <td>{e.row}</td>
              <td>{e.column}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The raw file travels back base64-encoded and is parsed and checked again on confirm: the preview is never trusted. */
export function ImportPreviewPage({ page, plan, payload }: { page: PageContext; plan: ImportPlan; payload: string }) {
  const { t } = page;
  const fieldLabel = (field: string) => t(`stakeholders.field.${field}` as 'stakeholders.field.name');
  const actionable = plan.counts.created + plan.counts.updated > 0;
  return (
    <Layout page={page} title={t('stakeholders.import.preview')} nav="stakeholders">
      <h1>{t('stakeholders.import.preview')}</h1>
      <Notice>{t('stakeholders.import.previewIntro')}</Notice>
      <Counts page={page} counts={plan.counts} />
      <p class="muted">{t('stakeholders.import.encoding', { encoding: plan.encoding.toUpperCase() })}</p>
      <ErrorsTable page={page} errors={plan.errors} />
      {plan.rows.length ? (
        <TableWrap>
          <table class="table import-rows">
            <caption>{t('stakeholders.import.rowsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stakeholders.import.row')}</th>
                <th scope="col">{t('stakeholders.import.outcome')}</th>
                <th scope="col">{t('stakeholders.field.name')}</th>
                <th scope="col">{t('stakeholders.field.organization')}</th>
                <th scope="col">{t('stakeholders.field.email')}</th>
                <th scope="col">{t('stakeholders.import.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((r) => (
                <tr class={`import-row import-row--${r.outcome}`}>
                  <td>{r.row}</td>
                  <td>{t(`stakeholders.import.outcome.${r.outcome}`)}</td>
                  <td>{r.input.name}</td>
                  <td>{r.input.organization}</td>
                  <td>{r.input.email ?? ''}</td>
                  <td>{r.changed.map(fieldLabel).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {actionable ? (
        <form method="post" action="/stakeholders/import/confirm" enctype="multipart/form-data">
          <input type="hidden" name="payload" value={payload} />
          <div class="button-row">
            <button type="submit">{t('stakeholders.import.confirm')}</button>
            <a class="button button--quiet" href="/stakeholders/import">
              {t('stakeholders.import.again')}
            </a>
          </div>
        </form>
      ) : (
        <>
          <Notice kind="warning">{t('stakeholders.import.nothingToDo')}</Notice>
          <p>
            <a href="/stakeholders/import">{t('stakeholders.import.again')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function ImportResultPage({ page, counts, errors }: { page: PageContext; counts: ImportCounts; errors: ImportError[] }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('stakeholders.import.result')} nav="stakeholders">
      <h1>{t('stakeholders.import.result')}</h1>
      <Notice kind="success">
        <Counts page={page} counts={counts} />
      </Notice>
      <ErrorsTable page={page} errors={errors} />
      <p>
        <a href="/stakeholders">{t('stakeholders.title')}</a>
      </p>
    </Layout>
  );
}
