/** The issuing office form (admins): the name, 文号, address and contact every generated document carries. */
import type { FieldErrors } from '../../lib/result';
import { ErrorSummary, Notice, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { OFFICE_ADDRESS_MAX, OFFICE_CONTACT_MAX, OFFICE_NAME_MAX, OFFICE_POSTCODE_MAX, OFFICE_REFERENCE_MAX } from './schemas';

const FIELDS = [
  ['officeName', OFFICE_NAME_MAX],
  ['referencePrefix', OFFICE_REFERENCE_MAX],
  ['referencePattern', OFFICE_REFERENCE_MAX],
  ['address', OFFICE_ADDRESS_MAX],
  ['postcode', OFFICE_POSTCODE_MAX],
  ['contactName', OFFICE_CONTACT_MAX],
  ['contactPhone', OFFICE_CONTACT_MAX],
] as const;

export function OfficePage({ page, values, errors, notice }: { page: PageContext; values: Record<string, string>; errors?: FieldErrors; notice?: string }) {
  const { t } = page;
  const labels = Object.fromEntries(FIELDS.map(([name]) => [name, t(`settings.office.${name}`)]));
  return (
    <Layout page={page} title={t('settings.office.title')} nav="settings">
      <div class="page-head">
        <h1>{t('settings.office.title')}</h1>
        <a href="/settings">{t('common.back')}</a>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <p class="muted">{t('settings.office.intro')}</p>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action="/settings/office" class="narrow">
        {FIELDS.map(([name, max]) => (
          <TextField
            name={name}
            label={labels[name]!}
            value={values[name]}
            error={errors?.[name]}
            required={name === 'officeName'}
            maxLength={max}
            hint={name === 'referencePattern' ? t('settings.office.referencePattern.hint') : undefined}
          />
        ))}
        <button type="submit">{t('common.save')}</button>
      </form>
    </Layout>
  );
}
