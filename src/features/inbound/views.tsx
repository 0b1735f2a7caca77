/** The round's inbound page: upload a filled 意见反馈表, and the pending and unmatched items with their opinions. Pure functions of data. */
import { FEEDBACK_FORM_ATTACHMENTS, type FeedbackFormAttachment, type RoundStatus } from '../../db/schema';
import { ErrorSummary, Notice, SelectField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { FieldErrors } from '../../lib/result';
import type { InboundItem } from './items';
import { ItemCard } from './item-card';

type RoundOfPage = { id: string; title: string; status: RoundStatus; feedbackFormAttachment: FeedbackFormAttachment };
type Props = { page: PageContext; round: RoundOfPage; items: InboundItem[]; canChange: boolean; errors?: FieldErrors; notice?: string };

/** 随邀请附上意见反馈表: organizers choose while invitations may still go out; everyone sees the choice. */
function FormSettingPanel({ page, round, canChange, error }: { page: PageContext; round: RoundOfPage; canChange: boolean; error?: string }) {
  const { t } = page;
  const label = (choice: FeedbackFormAttachment) => t(`inbound.setting.attach.${choice}`);
  return (
    <section class="panel" aria-labelledby="inbound-setting-heading">
      <h2 id="inbound-setting-heading">{t('inbound.setting.heading')}</h2>
      <p class="field__hint">{t('inbound.setting.hint')}</p>
      {canChange && round.status !== 'closed' ? (
        <form method="post" action={`/rounds/${round.id}/inbound/setting`}>
          <SelectField
            name="attach"
            label={t('inbound.setting.attach')}
            value={round.feedbackFormAttachment}
            error={error}
            options={FEEDBACK_FORM_ATTACHMENTS.map((choice) => ({ value: choice, label: label(choice) }))}
          />
          <button type="submit" class="button">
            {t('inbound.setting.save')}
          </button>
        </form>
      ) : (
        <p>
          {t('inbound.setting.attach')}：{label(round.feedbackFormAttachment)}
        </p>
      )}
    </section>
  );
}

export function RoundInboundPage({ page, round, items, canChange, errors, notice }: Props) {
  const { t } = page;
  return (
    <Layout page={page} title={t('inbound.page.title', { title: round.title })} nav="rounds">
      <h1>{t('inbound.page.title', { title: round.title })}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{t('inbound.page.back')}</a> · <a href="/inbound">{t('inbound.inbox.link')}</a>
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={{ file: t('inbound.page.file'), attach: t('inbound.setting.attach') }} />
      <FormSettingPanel page={page} round={round} canChange={canChange} error={errors?.attach} />
      {canChange && round.status !== 'draft' ? (
        <section class="panel" aria-labelledby="inbound-upload-heading">
          <h2 id="inbound-upload-heading">{t('inbound.page.upload')}</h2>
          <form method="post" action={`/rounds/${round.id}/inbound/upload`} enctype="multipart/form-data">
            <label for="inbound-file">{t('inbound.page.file')}</label>
            <input id="inbound-file" type="file" name="file" accept=".docx,.xlsx" aria-invalid={errors?.file ? 'true' : undefined} />
            {errors?.file ? <p class="field-error">{errors.file}</p> : null}
            <button type="submit" class="button">
              {t('inbound.page.read')}
            </button>
          </form>
        </section>
      ) : null}
      <h2>{t('inbound.page.items')}</h2>
      {items.length ? items.map((item) => <ItemCard page={page} item={item} canChange={canChange} />) : <p class="muted">{t('inbound.page.none')}</p>}
    </Layout>
  );
}

export function InboundLink({ page, roundId }: { page: PageContext; roundId: string }) {
  return (
    <p>
      <a href={`/rounds/${roundId}/inbound`}>{page.t('inbound.page.link')}</a>
    </p>
  );
}
