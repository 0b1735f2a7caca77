/** The form that emails the summary: the audience and chosen staff; refused with a reason until the results are public. */
import { ErrorSummary, Notice } from '../../ui/form';
import type { PageContext } from '../../ui/layout';

export type SendFormProps = {
  page: PageContext;
  roundId: string;
  published: boolean;
  audienceCount: number;
  staff: { id: string; name: string; email: string }[];
  values?: { audience: boolean; staffIds: string[] };
  error?: string | null;
};

export function SendForm({ page, roundId, published, audienceCount, staff, values, error }: SendFormProps) {
  const { t } = page;
  const chosen = new Set(values?.staffIds ?? []);
  return (
    <section class="panel summary-send" aria-labelledby="send-heading">
      <h2 id="send-heading">{t('summaries.send.heading')}</h2>
      {!published ? (
        <Notice kind="warning">{t('summaries.send.notPublished')}</Notice>
      ) : (
        <form method="post" action={`/rounds/${roundId}/summary/send`}>
          <ErrorSummary t={t} errors={error ? { audience: error } : undefined} />
          <p>{t('summaries.send.intro')}</p>
          <div class="field field--checkbox">
            <input id="audience" name="audience" type="checkbox" value="1" checked={values?.audience ?? true} />
            <label for="audience">{t('summaries.send.audience', { n: audienceCount })}</label>
          </div>
          {staff.length ? (
            <fieldset class="summary-send__staff">
              <legend>{t('summaries.send.staff')}</legend>
              {staff.map((s) => (
                <div class="field field--checkbox">
                  <input id={`staff-${s.id}`} name="staffIds" type="checkbox" value={s.id} checked={chosen.has(s.id)} />
                  <label for={`staff-${s.id}`}>{`${s.name}（${s.email}）`}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit">{t('summaries.send.submit')}</button>
        </form>
      )}
    </section>
  );
}
