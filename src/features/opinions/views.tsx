/** One opinion's page (disposition form, redaction, history) and the reply templates page. */
import { ChangePicker } from './change-picker';
import type { ChangeView } from '../rounds/change-diffs';
import { DISPOSITIONS } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { dispositionLabels, DispositionBadge, DispositionFields, type DispositionFormValues } from './fields';
import { REDACTED_TEXT_MAX, TEMPLATE_LABEL_MAX, TEMPLATE_TEXT_MAX } from './schemas';
import type { HistoryEntry } from './service';
import type { ReplyTemplate } from './templates';
import type { TriageItem } from './triage';
import { EmailConfirmationBadge } from '../feedback/open-confirmation-views';
import { authorLabel, sectionLabel } from './triage-view';
import { TableWrap } from '../../ui/table-wrap';

type RoundRef = { id: string; title: string };

export type OpinionPageProps = {
  page: PageContext;
  round: RoundRef;
  item: TriageItem;
  redaction: { text: string | null; by: string | null; at: Date | null };
  history: HistoryEntry[];
  templates: ReplyTemplate[];
  canChange: boolean;
  values: DispositionFormValues;
  redactedValue: string;
  /** The round's draft changes to tick, and those linked to this opinion (or ticked in a refused form). */
  changes: ChangeView[];
  linked: string[];
  errors?: FieldErrors;
  flash?: string | null;
};

function HistoryTable({ page, history }: { page: PageContext; history: HistoryEntry[] }) {
  const { t } = page;
  if (history.length === 0) return <p>{t('opinions.history.empty')}</p>;
  const d = (value: string | null) => (value ? t(`opinions.disposition.${value as 'pending'}`) : '—');
  return (
    <TableWrap>
      <table class="table responsive">
        <thead>
          <tr>
            <th scope="col">{t('common.time')}</th>
            <th scope="col">{t('opinions.history.who')}</th>
            <th scope="col">{t('opinions.history.change')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td data-label={t('common.time')}>{formatDateTime(h.createdAt, page.locale)}</td>
              <td data-label={t('opinions.history.who')}>{h.staffName ?? t('opinions.history.system')}</td>
              <td data-label={t('opinions.history.change')}>
                <p>{`${t('opinions.field.disposition')}：${d(h.fromDisposition)} → ${d(h.toDisposition)}`}</p>
                {h.fromReply !== h.toReply ? <p class="pre-line">{`${t('opinions.field.reply')}：${h.fromReply || '—'} → ${h.toReply || '—'}`}</p> : null}
                {h.fromAssignee !== h.toAssignee ? <p>{`${t('opinions.col.assignee')}：${h.fromAssignee || '—'} → ${h.toAssignee || '—'}`}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function OpinionPage(props: OpinionPageProps) {
  const { page, round, item, redaction, history, templates, canChange, values, redactedValue, errors, flash } = props;
  const { t, locale } = page;
  const heading = t('opinions.edit.title');
  const action = `/rounds/${round.id}/opinions/${item.id}`;
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <p>
        <a href={`/rounds/${round.id}/triage`}>{t('opinions.edit.back')}</a>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={{ ...dispositionLabels(t), redactedText: t('opinions.field.redacted') }} />
      <section class="panel" aria-labelledby="original-heading">
        <h2 id="original-heading">{t('opinions.edit.original')}</h2>
        <dl class="facts">
          <dt>{t('opinions.col.number')}</dt>
          <dd>{item.number}</dd>
          <dt>{t('opinions.col.section')}</dt>
          <dd>{sectionLabel(t, item)}</dd>
          <dt>{t('opinions.col.author')}</dt>
          <dd>
            {authorLabel(item)} <EmailConfirmationBadge t={t} confirmed={item.confirmed} />
          </dd>
          <dt>{t('opinions.col.channel')}</dt>
          <dd>{`${t(`rounds.channel.${item.channel}`)} · ${formatDateTime(item.heardAt, locale)}`}</dd>
          <dt>{t('opinions.col.disposition')}</dt>
          <dd>
            <DispositionBadge t={t} disposition={item.disposition} />
          </dd>
        </dl>
        <blockquote class="opinion-original pre-line">{item.text}</blockquote>
      </section>
      {canChange ? (
        <form method="post" action={action} class="panel" novalidate>
          <DispositionFields t={t} values={values} errors={errors} templates={templates} />
          <ChangePicker t={t} changes={props.changes} linked={props.linked} error={errors?.changes} />
          <button type="submit">{t('opinions.edit.submit')}</button>
        </form>
      ) : item.reply ? (
        <section class="panel">
          <h2>{t('opinions.col.reply')}</h2>
          <p class="pre-line">{item.reply}</p>
        </section>
      ) : null}
      {canChange ? (
        <form method="post" action={`${action}/redaction`} class="panel" novalidate>
          <TextArea
            name="redactedText"
            label={t('opinions.field.redacted')}
            hint={t('opinions.field.redactedHint', { max: REDACTED_TEXT_MAX })}
            value={redactedValue}
            error={errors?.redactedText}
            maxLength={REDACTED_TEXT_MAX}
            rows={4}
          />
          {redaction.text && redaction.at ? <p class="muted">{t('opinions.edit.redactedBy', { name: redaction.by ?? t('opinions.history.system'), time: formatDateTime(redaction.at, locale) })}</p> : null}
          <button type="submit" class="button button--secondary">
            {t('opinions.edit.redact')}
          </button>
        </form>
      ) : null}
      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('opinions.history.title')}</h2>
        <HistoryTable page={page} history={history} />
      </section>
    </Layout>
  );
}

export type TemplateFormValues = { label: string; text: string; disposition: string; scope: string };

function TemplateFields({ t, idPrefix, values, errors }: { t: Translator; idPrefix: string; values: TemplateFormValues; errors?: FieldErrors }) {
  // Each form on the page has its own ids; the names stay the same.
  const id = (name: string) => `${idPrefix}${name}`;
  return (
    <>
      <TextField name={id('label')} label={t('opinions.templates.label')} value={values.label} error={errors?.label} required maxLength={TEMPLATE_LABEL_MAX} />
      <TextArea name={id('text')} label={t('opinions.templates.text')} value={values.text} error={errors?.text} required maxLength={TEMPLATE_TEXT_MAX} rows={3} />
      <SelectField
        name={id('disposition')}
        label={t('opinions.templates.disposition')}
        value={values.disposition}
        emptyLabel={t('opinions.templates.dispositionAny')}
        options={DISPOSITIONS.filter((d) => d !== 'pending').map((d) => ({ value: d, label: t(`opinions.disposition.${d}`) }))}
      />
      <SelectField
        name={id('scope')}
        label={t('opinions.templates.scope')}
        value={values.scope}
        options={[
          { value: 'round', label: t('opinions.templates.scope.round') },
          { value: 'global', label: t('opinions.templates.scope.global') },
        ]}
      />
    </>
  );
}

export type TemplatesPageProps = {
  page: PageContext;
  round: RoundRef;
  templates: ReplyTemplate[];
  values: TemplateFormValues;
  errors?: FieldErrors;
  /** The template whose form failed, or null for the new one. */
  failedId?: string | null;
  flash?: string | null;
};

export function TemplatesPage({ page, round, templates, values, errors, failedId, flash }: TemplatesPageProps) {
  const { t } = page;
  const heading = t('opinions.templates.title', { title: round.title });
  const base = `/rounds/${round.id}/templates`;
  // The summary links to the prefixed field ids of the form that failed.
  const summary = (prefix: string) => (
    <ErrorSummary
      t={t}
      errors={errors ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [prefix + k, v])) : undefined}
      labels={{ [`${prefix}label`]: t('opinions.templates.label'), [`${prefix}text`]: t('opinions.templates.text') }}
    />
  );
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <p>
        <a href={`/rounds/${round.id}/triage`}>{t('opinions.edit.back')}</a>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <p>{t('opinions.templates.intro')}</p>
      {templates.length === 0 ? <p>{t('opinions.templates.empty')}</p> : null}
      {templates.map((tpl) => {
        const failed = failedId === tpl.id;
        const own: TemplateFormValues = failed ? values : { label: tpl.label, text: tpl.text, disposition: tpl.disposition ?? '', scope: tpl.roundId ? 'round' : 'global' };
        return (
          <section class="panel" aria-label={t('opinions.templates.edit', { label: tpl.label })}>
            {failed ? summary(`t${tpl.id}-`) : null}
            <form method="post" action={`${base}/${tpl.id}`} novalidate>
              <input type="hidden" name="prefix" value={`t${tpl.id}-`} />
              <TemplateFields t={t} idPrefix={`t${tpl.id}-`} values={own} errors={failed ? errors : undefined} />
              <div class="button-row">
                <button type="submit">{t('opinions.templates.save')}</button>
              </div>
            </form>
            <form method="post" action={`${base}/${tpl.id}/delete`}>
              <button type="submit" class="button button--quiet">
                {t('opinions.templates.delete')}
              </button>
            </form>
          </section>
        );
      })}
      <section class="panel" aria-labelledby="new-template-heading">
        <h2 id="new-template-heading">{t('opinions.templates.new')}</h2>
        {!failedId ? summary('new-') : null}
        <form method="post" action={base} novalidate>
          <input type="hidden" name="prefix" value="new-" />
          <TemplateFields t={t} idPrefix="new-" values={failedId ? { label: '', text: '', disposition: '', scope: 'round' } : values} errors={failedId ? undefined : errors} />
          <button type="submit">{t('opinions.templates.create')}</button>
        </form>
      </section>
    </Layout>
  );
}
