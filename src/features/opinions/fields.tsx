/** The disposition fields shared by the triage form and one opinion's form: disposition, template, reply, assignee. */
import { DISPOSITIONS } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { SelectField, TextArea, TextField } from '../../ui/form';
import { ASSIGNEE_MAX, REPLY_MAX } from './schemas';
import type { ReplyTemplate } from './templates';

export type DispositionFormValues = { disposition: string; templateId: string; reply: string; assignee: string };

export const emptyDispositionValues: DispositionFormValues = { disposition: '', templateId: '', reply: '', assignee: '' };

export function dispositionLabels(t: Translator) {
  return {
    disposition: t('opinions.field.disposition'),
    reply: t('opinions.field.reply'),
    assignee: t('opinions.field.assignee'),
    opinionIds: t('opinions.triage.select'),
    templateId: t('opinions.field.template'),
    changes: t('opinions.changes.legend'),
  };
}

export function DispositionBadge({ t, disposition }: { t: Translator; disposition: string }) {
  const kind = disposition === 'adopted' || disposition === 'partly_adopted' ? 'badge--ok' : disposition === 'pending' ? 'badge--warn' : '';
  return <span class={`badge ${kind} disposition disposition--${disposition}`}>{t(`opinions.disposition.${disposition as 'pending'}`)}</span>;
}

export function DispositionFields({ t, values, errors, templates, requireDisposition }: { t: Translator; values: DispositionFormValues; errors?: FieldErrors; templates: ReplyTemplate[]; requireDisposition?: boolean }) {
  const labels = dispositionLabels(t);
  return (
    <div class="disposition-fields">
      <SelectField
        name="disposition"
        label={labels.disposition}
        value={values.disposition}
        error={errors?.disposition}
        required
        emptyLabel={requireDisposition ? '—' : undefined}
        options={DISPOSITIONS.map((d) => ({ value: d, label: t(`opinions.disposition.${d}`) }))}
      />
      {templates.length ? (
        <div class="field">
          <label for="templateId">{labels.templateId}</label>
          <p class="field__hint" id="templateId-hint">
            {t('opinions.field.templateHint')}
          </p>
          <select id="templateId" name="templateId" aria-describedby="templateId-hint" data-reply-template="reply">
            <option value="">{t('opinions.field.templateNone')}</option>
            {templates.map((tpl) => (
              <option value={tpl.id} selected={tpl.id === values.templateId} data-text={tpl.text} data-disposition={tpl.disposition ?? ''}>
                {tpl.disposition ? `${tpl.label}（${t(`opinions.disposition.${tpl.disposition}`)}）` : tpl.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextArea name="reply" label={labels.reply} hint={t('opinions.field.replyHint', { max: REPLY_MAX })} value={values.reply} error={errors?.reply} maxLength={REPLY_MAX} rows={3} />
      <TextField
        name="assignee"
        label={labels.assignee}
        hint={t('opinions.field.assigneeHint', { max: ASSIGNEE_MAX })}
        value={values.assignee}
        error={errors?.assignee}
        maxLength={ASSIGNEE_MAX}
        optionalLabel={t('common.optional')}
      />
    </div>
  );
}
