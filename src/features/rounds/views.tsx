/** Staff pages of rounds: the list, the round form with its section preview, the open confirmation. Pure views. */
import { sectionDisplayName } from './section-name';
import { STAKEHOLDER_CATEGORIES, type RoundStatus } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, TextArea, TextField } from '../../ui/form';
import { CONFIRM_FIELD } from '../../ui/confirm-page';
import type { AudienceTotals } from './audience';
import type { PickerData } from './audience-picker';
import { AudiencePicker } from './audience-picker-view';
import { Layout, type PageContext } from '../../ui/layout';
import { CONTACT_ADDRESS_MAX, CONTACT_NAME_MAX, CONTACT_PHONE_MAX, DRAFT_MAX_CHARS, MIN_COMMENT_PERIOD_DAYS, PURPOSE_MAX, SHORT_PERIOD_REASON_MAX, TITLE_MAX } from './schemas';
import type { RoundRow } from './service';
import type { DraftSection } from './split-draft';
import { PageHead } from '../../ui/page-head';
import { TableWrap } from '../../ui/table-wrap';
import { NotAHeadingButton, SplitFixFields, SplitFixForm } from './split-fix-views';

export function StatusBadge({ page, status }: { page: PageContext; status: RoundStatus }) {
  const kind = status === 'open' ? 'badge badge--ok' : status === 'closed' ? 'badge' : 'badge badge--warn';
  return <span class={kind}>{page.t(`rounds.status.${status}`)}</span>;
}

/** When a round closed before its planned end; null when it runs or ran its course. */
export function closedEarlyAt(round: { closesAt: Date; closedAt?: Date | null }): Date | null {
  return round.closedAt && round.closedAt < round.closesAt ? round.closedAt : null;
}

/** The comment period; a round closed early shows when it closed, with the planned end beside it. */
export function period(page: PageContext, round: Pick<RoundRow, 'opensAt' | 'closesAt'> & { closedAt?: Date | null }): string {
  const opens = formatDateTime(round.opensAt, page.locale);
  const early = closedEarlyAt(round);
  if (early) return page.t('rounds.periodClosedEarly', { opens, closed: formatDateTime(early, page.locale), planned: formatDateTime(round.closesAt, page.locale) });
  return page.t('rounds.period', { opens, closes: formatDateTime(round.closesAt, page.locale) });
}

type ListRow = { round: RoundRow; counts: { invited: number; heard: number; responseRate: number; opinions: number } };

export function RoundListPage({ page, rows, canChange }: { page: PageContext; rows: ListRow[]; canChange: boolean }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('rounds.title')} nav="rounds">
      <PageHead title={t('rounds.title')} action={canChange ? { href: '/rounds/new', label: t('rounds.new') } : null} />
      {rows.length === 0 ? (
        <p>{t('rounds.empty')}</p>
      ) : (
        <TableWrap>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('rounds.col.title')}</th>
                <th scope="col">{t('rounds.col.status')}</th>
                <th scope="col">{t('rounds.col.period')}</th>
                <th scope="col">{t('rounds.col.invited')}</th>
                <th scope="col">{t('rounds.col.responded')}</th>
                <th scope="col">{t('rounds.col.opinions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ round, counts }) => (
                <tr>
                  <td>
                    <a href={`/rounds/${round.id}`}>{round.title}</a>
                  </td>
                  <td>
                    <StatusBadge page={page} status={round.status} />
                  </td>
                  <td>{period(page, round)}</td>
                  <td>{counts.invited}</td>
                  <td>{counts.heard}</td>
                  <td>{counts.opinions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p class="muted">{t('rounds.autoOpenNote')}</p>
    </Layout>
  );
}

export type RoundFormValues = {
  title: string;
  purpose: string;
  draft: string;
  opensAt: string;
  closesAt: string;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  categories: string[];
  tags: string;
  stakeholderIds: string[];
  /** The preview's corrections of the split, `<level>|<line>`. */
  fixes: string[];
};

export type StakeholderOption = { id: string; name: string; organization: string };

/** The section tree as the stakeholder will see it, so that the organizer can check the split before opening. */
export function SectionTree({ page, title, sections, fixable = false }: { page: PageContext; title: string | null; sections: (Pick<DraftSection, 'number' | 'heading' | 'depth' | 'body'> & { line?: string })[]; fixable?: boolean }) {
  const { t } = page;
  return (
    <div class="section-tree">
      <p>
        <strong>{title ?? t('rounds.form.noDocTitle')}</strong> · {t('rounds.form.sectionCount', { count: sections.length })}
      </p>
      <ol class="section-tree__list">
        {sections.map((s) => (
          <li class={`section-tree__item section-tree__item--d${Math.min(s.depth, 4)}`}>
            <span class="section-tree__number">{sectionDisplayName(t, s)}</span>
            {s.body ? <span class="section-tree__body muted"> — {s.body.slice(0, 60)}{s.body.length > 60 ? '…' : ''}</span> : null}
            {fixable ? <NotAHeadingButton page={page} section={s} /> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

type RoundFormProps = {
  page: PageContext;
  action: string;
  values: RoundFormValues;
  errors?: FieldErrors;
  preview?: { title: string | null; sections: DraftSection[] } | null;
  /** The hand-picked part of the audience and the directory search. */
  stakeholders: PickerData;
  heading: string;
  /** The planned period in days when under the usual minimum: warned beside the dates. */
  shortDays?: number | null;
};

/** The upload beside a pasted draft (round form, revision form): the file replaces the text. */
export function DraftFileField({ page, error }: { page: PageContext; error?: string }) {
  const { t } = page;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="draftFile">{t('rounds.field.draftFile')}</label>
      <p class="field__hint" id="draftFile-hint">
        {t('rounds.field.draftFile.hint')}
      </p>
      {error ? (
        <p class="field__error" id="draftFile-error">
          {error}
        </p>
      ) : null}
      <input id="draftFile" name="draftFile" type="file" accept=".md,.txt,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby={error ? 'draftFile-hint draftFile-error' : 'draftFile-hint'} />
    </div>
  );
}

export function RoundFormPage({ page, action, values, errors, preview, stakeholders, heading, shortDays = null }: RoundFormProps) {
  const { t } = page;
  const labels = {
    title: t('rounds.field.title'),
    draft: t('rounds.field.draft'),
    draftFile: t('rounds.field.draftFile'),
    opensAt: t('rounds.field.opensAt'),
    closesAt: t('rounds.field.closesAt'),
    purpose: t('rounds.field.purpose'),
  };
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      <form method="post" action={action} enctype="multipart/form-data" novalidate class="round-form">
        {/* Enter in a field previews (never saves): the picker's remove buttons must not be the form's default. */}
        <button type="submit" name="intent" value="preview" class="visually-hidden" tabindex={-1} aria-hidden="true">
          {t('rounds.form.preview')}
        </button>
        <TextField name="title" label={labels.title} value={values.title} error={errors?.title} required maxLength={TITLE_MAX} />
        <TextArea name="purpose" label={labels.purpose} value={values.purpose} error={errors?.purpose} maxLength={PURPOSE_MAX} optionalLabel={t('common.optional')} rows={3} />
        <SplitFixFields fixes={values.fixes} />
        <TextArea name="draft" label={labels.draft} hint={t('rounds.field.draft.hint', { max: DRAFT_MAX_CHARS })} value={values.draft} error={errors?.draft} rows={14} />
        <DraftFileField page={page} error={errors?.draftFile} />
        {preview ? (
          <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t('rounds.form.previewTitle')}</h2>
            <p class="field__hint">{t('rounds.form.previewHint')}</p>
            <SectionTree page={page} title={preview.title} sections={preview.sections} fixable />
            <SplitFixForm page={page} fixes={values.fixes} />
          </section>
        ) : null}
        <div class="round-form__dates">
          <TextField name="opensAt" type="datetime-local" label={labels.opensAt} value={values.opensAt} error={errors?.opensAt} required />
          <TextField name="closesAt" type="datetime-local" label={labels.closesAt} value={values.closesAt} error={errors?.closesAt} required />
        </div>
        {shortDays !== null ? <Notice kind="warning">{t('rounds.form.shortPeriod', { days: shortDays, min: MIN_COMMENT_PERIOD_DAYS })}</Notice> : null}
        <TextField name="contactName" label={t('rounds.field.contactName')} value={values.contactName} error={errors?.contactName} maxLength={CONTACT_NAME_MAX} />
        <TextField name="contactPhone" type="tel" label={t('rounds.field.contactPhone')} value={values.contactPhone} error={errors?.contactPhone} maxLength={CONTACT_PHONE_MAX} />
        <TextField name="contactAddress" label={t('rounds.field.contactAddress')} value={values.contactAddress} error={errors?.contactAddress} maxLength={CONTACT_ADDRESS_MAX} />
        <fieldset class="field">
          <legend>{t('rounds.field.categories')}</legend>
          <div class="round-form__checks">
            {STAKEHOLDER_CATEGORIES.map((category) => (
              <div class="field--checkbox">
                <input id={`category-${category}`} type="checkbox" name="categories" value={category} checked={values.categories.includes(category)} />
                <label for={`category-${category}`}>{t(`category.${category}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextField name="tags" label={t('rounds.field.tags')} value={values.tags} error={errors?.tags} optionalLabel={t('common.optional')} />
        <AudiencePicker page={page} data={stakeholders} action={action} legend={t('rounds.picker.legend')} queryError={errors?.pickQuery} />
        <div class="button-row">
          <button type="submit" name="intent" value="preview" class="button button--secondary">
            {t('rounds.form.preview')}
          </button>
          <button type="submit" name="intent" value="save">
            {t('rounds.form.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export type OpenRoundFormValues = { closesAt: string; contactName: string; contactPhone: string; contactAddress: string };

/** After opening only the close and the contact change; the rest is shown, not editable. */
export function OpenRoundEditPage({ page, round, values, errors }: { page: PageContext; round: RoundRow; values: OpenRoundFormValues; errors?: FieldErrors }) {
  const { t } = page;
  const heading = t('rounds.edit.title', { title: round.title });
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <ErrorSummary t={t} errors={errors} labels={{ closesAt: t('rounds.field.closesAt') }} />
      <p class="notice">{t('rounds.form.lockedAfterOpen')}</p>
      <form method="post" action={`/rounds/${round.id}`} novalidate>
        <TextField name="closesAt" type="datetime-local" label={t('rounds.field.closesAt')} value={values.closesAt} error={errors?.closesAt} required />
        <TextField name="contactName" label={t('rounds.field.contactName')} value={values.contactName} error={errors?.contactName} maxLength={CONTACT_NAME_MAX} />
        <TextField name="contactPhone" type="tel" label={t('rounds.field.contactPhone')} value={values.contactPhone} error={errors?.contactPhone} maxLength={CONTACT_PHONE_MAX} />
        <TextField name="contactAddress" label={t('rounds.field.contactAddress')} value={values.contactAddress} error={errors?.contactAddress} maxLength={CONTACT_ADDRESS_MAX} />
        <button type="submit">{t('common.save')}</button>
      </form>
    </Layout>
  );
}

export function OpenRoundPage({
  page,
  round,
  needsReason,
  reason,
  errors,
  canSchedule,
  audience,
}: {
  page: PageContext;
  round: RoundRow;
  needsReason: boolean;
  reason: string;
  errors?: FieldErrors;
  /** Who opening will email, counted now. */
  audience: AudienceTotals;
  /** The opening time is still ahead: the round can be left to open by itself. */
  canSchedule: boolean;
}) {
  const { t } = page;
  const heading = t('rounds.open.title', { title: round.title });
  const reasonLabel = t('rounds.field.shortPeriodReason', { days: MIN_COMMENT_PERIOD_DAYS });
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <ErrorSummary t={t} errors={errors} labels={{ shortPeriodReason: reasonLabel }} />
      <p>{t('rounds.open.confirm', { period: period(page, round) })}</p>
      <Notice kind="warning">
        <p>{audience.toInvite > 0 ? t('rounds.open.willInvite', { count: audience.toInvite }) : t('rounds.open.noneToInvite')}</p>
        {audience.total - audience.mailable > 0 ? <p>{t('rounds.open.unmailable', { count: audience.total - audience.mailable })}</p> : null}
      </Notice>
      <form method="post" action={`/rounds/${round.id}/open`} novalidate>
        <input type="hidden" name={CONFIRM_FIELD} value="1" />
        {needsReason ? (
          <TextArea
            name="shortPeriodReason"
            label={reasonLabel}
            hint={t('rounds.field.shortPeriodReason.hint', { days: MIN_COMMENT_PERIOD_DAYS })}
            value={reason}
            error={errors?.shortPeriodReason}
            required
            maxLength={SHORT_PERIOD_REASON_MAX}
          />
        ) : null}
        {canSchedule ? (
          <p class="field__hint">
            {t('rounds.open.scheduleHint', { opensAt: formatDateTime(round.opensAt, page.locale) })} {t('rounds.open.scheduleWillInvite', { count: audience.toInvite })}
          </p>
        ) : null}
        <div class="button-row">
          <button type="submit">{audience.toInvite > 0 ? t('rounds.action.openAndInvite', { count: audience.toInvite }) : t('rounds.action.open')}</button>
          {canSchedule ? (
            <button type="submit" class="button--secondary" formaction={`/rounds/${round.id}/schedule`}>
              {t('rounds.action.schedule')}
            </button>
          ) : null}
          <a class="button button--quiet" href={`/rounds/${round.id}`}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
