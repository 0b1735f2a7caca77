/** Stakeholder pages: the list with filters and bulk actions, the form, the detail and the erase confirmation. */
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { StakeholderLetters } from '../summaries/links';
import type { FieldErrors } from '../../lib/result';
import { formatDate, formatDateTime } from '../../lib/time';
import { CheckboxField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../ui/form';
import { CONFIRM_FIELD } from '../../ui/confirm-page';
import { Layout, type PageContext } from '../../ui/layout';
import type { StakeholderPage, StakeholderRecord } from './queries';
import { EMAIL_MAX, NAME_MAX, NOTES_MAX, ORGANIZATION_MAX, PHONE_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX, type ListFilters } from './schemas';
import { BULK_ACTIONS } from './service';
import { suppressionReasonLabel } from '../mail/views';
import { TableWrap } from '../../ui/table-wrap';
import type { ErasureRequestRow, OpenErasureRequest } from './erasure-requests';
import { ErasureBanner } from './erasure-views';

export function filterQuery(filters: Omit<ListFilters, 'cursor'>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.archived) params.set('archived', '1');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const displayName = (page: PageContext, s: Pick<StakeholderRecord, 'name' | 'erasedAt'>) =>
  s.erasedAt ? page.t('stakeholders.erasedName') : s.name;

const categoryOptions = (page: PageContext) => STAKEHOLDER_CATEGORIES.map((c) => ({ value: c, label: page.t(`category.${c}`) }));

function FilterForm({ page, filters }: { page: PageContext; filters: ListFilters }) {
  const { t } = page;
  return (
    <form method="get" action="/stakeholders" class="toolbar stakeholder-filters" role="search">
      <TextField name="q" type="search" label={t('stakeholders.filter.q')} value={filters.q} maxLength={100} />
      <SelectField name="category" label={t('stakeholders.filter.category')} value={filters.category} options={categoryOptions(page)} emptyLabel={t('common.all')} />
      <TextField name="tag" label={t('stakeholders.filter.tag')} value={filters.tag} maxLength={TAG_MAX} />
      <CheckboxField name="archived" label={t('stakeholders.filter.archived')} checked={filters.archived} />
      <div class="button-row">
        <button type="submit">{t('common.filter')}</button>
        <a class="button button--quiet" href="/stakeholders">
          {t('common.reset')}
        </a>
      </div>
    </form>
  );
}

function BulkControls({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <fieldset class="bulk-actions">
      <legend>{t('stakeholders.bulk.legend')}</legend>
      <SelectField name="action" label={t('stakeholders.bulk.action')} options={BULK_ACTIONS.map((a) => ({ value: a, label: t(`stakeholders.bulk.${a}`) }))} />
      {/* Not TextField: the filter form above already has an input with the id `tag`. */}
      <div class="field">
        <label for="bulk-tag">{t('stakeholders.bulk.tagLabel')}</label>
        <input id="bulk-tag" name="tag" type="text" maxlength={TAG_MAX} />
      </div>
      <button type="submit">{t('stakeholders.bulk.submit')}</button>
    </fieldset>
  );
}

export function ListPage(props: {
  page: PageContext;
  filters: ListFilters;
  result: StakeholderPage;
  canChange: boolean;
  notice?: string;
  error?: string;
  erasureRequests: OpenErasureRequest[];
}) {
  const { page, filters, result, canChange, notice, error, erasureRequests } = props;
  const { t } = page;
  const table = (
    <TableWrap>
      <table class="table stakeholder-table">
        <caption class="visually-hidden">{t('stakeholders.list.caption')}</caption>
        <thead>
          <tr>
            {canChange ? (
              <th scope="col">
                <input type="checkbox" id="select-all" data-select-all="ids" aria-label={t('stakeholders.list.selectAll')} />
              </th>
            ) : null}
            <th scope="col">{t('stakeholders.field.name')}</th>
            <th scope="col">{t('stakeholders.field.organization')}</th>
            <th scope="col">{t('stakeholders.field.title')}</th>
            <th scope="col">{t('stakeholders.field.category')}</th>
            <th scope="col">{t('stakeholders.field.email')}</th>
            <th scope="col">{t('stakeholders.field.phone')}</th>
            <th scope="col">{t('stakeholders.field.tags')}</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((s) => (
            <tr>
              {canChange ? (
                <td>
                  <input type="checkbox" name="ids" value={s.id} aria-label={t('stakeholders.list.select', { name: s.name })} />
                </td>
              ) : null}
              <td>
                <a href={`/stakeholders/${s.id}`}>{s.name}</a>
                {s.archivedAt ? <span class="badge"> {t('stakeholders.status.archived')}</span> : null}
              </td>
              <td>{s.organization}</td>
              <td>{s.title}</td>
              <td>{t(`category.${s.category}`)}</td>
              <td class="stakeholder-email">
                {s.email ?? ''}
                {s.unmailableReason ? <span class="badge badge--error"> {t('stakeholders.status.unmailable', { reason: suppressionReasonLabel(t, s.unmailableReason) })}</span> : null}
              </td>
              <td>{s.phone}</td>
              <td>
                {s.tags.map((tag) => (
                  <span class="tag">{tag}</span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <Layout page={page} title={t('stakeholders.title')} nav="stakeholders">
      <div class="page-head">
        <h1>{t('stakeholders.title')}</h1>
        <div class="button-row">
          {canChange ? (
            <>
              <a class="button" href="/stakeholders/new">{t('stakeholders.new')}</a>
              <a class="button button--secondary" href="/stakeholders/import">{t('stakeholders.import')}</a>
            </>
          ) : null}
          <a class="button button--secondary" href={`/stakeholders/export.csv${filterQuery(filters)}`}>
            {t('stakeholders.export')}
          </a>
        </div>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? <Notice kind="warning">{error}</Notice> : null}
      <ErasureBanner page={page} requests={erasureRequests} />
      <FilterForm page={page} filters={filters} />
      {result.items.length === 0 ? (
        <p class="muted">{t('stakeholders.empty')}</p>
      ) : canChange ? (
        <form method="post" action="/stakeholders/bulk">
          <input type="hidden" name="back" value={page.path} />
          {table}
          <BulkControls page={page} />
        </form>
      ) : (
        table
      )}
      <nav class="pager" aria-label={t('stakeholders.list.caption')}>
        {filters.cursor ? <a href={`/stakeholders${filterQuery(filters)}`}>{t('common.first')}</a> : null}
        {result.nextCursor ? <a href={`/stakeholders${filterQuery(filters, { cursor: result.nextCursor })}`}>{t('common.next')}</a> : null}
      </nav>
    </Layout>
  );
}

export type FormValues = Record<'name' | 'organization' | 'title' | 'category' | 'email' | 'phone' | 'tags' | 'notes', string> & { consent: boolean };

export function formValuesOf(s: StakeholderRecord): FormValues {
  return { ...s, email: s.email ?? '', tags: s.tags.join('，') };
}

export function StakeholderFormPage(props: { page: PageContext; values: FormValues; errors?: FieldErrors; id?: string }) {
  const { page, values, errors = {}, id } = props;
  const { t } = page;
  const title = id ? t('stakeholders.edit') : t('stakeholders.new');
  const label = (field: string) => t(`stakeholders.field.${field}` as 'stakeholders.field.name');
  const labels = Object.fromEntries(Object.keys(errors).map((field) => [field, label(field)]));
  const max = (n: number) => t('common.charactersMax', { max: n });
  return (
    <Layout page={page} title={title} nav="stakeholders">
      <div class="narrow">
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={errors} labels={labels} />
        <form method="post" action={id ? `/stakeholders/${id}` : '/stakeholders'} novalidate>
          <TextField name="name" label={label('name')} value={values.name} error={errors.name} required maxLength={NAME_MAX} hint={max(NAME_MAX)} />
          <TextField name="organization" label={label('organization')} value={values.organization} error={errors.organization} maxLength={ORGANIZATION_MAX} optionalLabel={t('common.optional')} />
          <TextField name="title" label={label('title')} value={values.title} error={errors.title} maxLength={TITLE_MAX} optionalLabel={t('common.optional')} />
          <SelectField name="category" label={label('category')} value={values.category} error={errors.category} required options={categoryOptions(page)} emptyLabel="" />
          <TextField name="email" type="email" label={label('email')} value={values.email} error={errors.email} maxLength={EMAIL_MAX} autocomplete="off" optionalLabel={t('common.optional')} />
          <TextField name="phone" type="tel" label={label('phone')} value={values.phone} error={errors.phone} maxLength={PHONE_MAX} optionalLabel={t('common.optional')} />
          <TextField name="tags" label={label('tags')} value={values.tags} error={errors.tags} hint={t('stakeholders.field.tags.hint', { count: TAGS_MAX, max: TAG_MAX })} optionalLabel={t('common.optional')} />
          <TextArea name="notes" label={label('notes')} value={values.notes} error={errors.notes} maxLength={NOTES_MAX} hint={max(NOTES_MAX)} optionalLabel={t('common.optional')} />
          <CheckboxField name="consent" label={t('stakeholders.field.consent')} checked={values.consent} />
          <div class="button-row">
            <button type="submit">{t('common.save')}</button>
            <a class="button button--quiet" href={id ? `/stakeholders/${id}` : '/stakeholders'}>
              {t('common.cancel')}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export type HistoryEntry = { action: string; actorLabel: string; createdAt: Date };

function historyLabel(page: PageContext, action: string): string {
  const known = ['stakeholder.create', 'stakeholder.update', 'stakeholder.erase'] as const;
  const key = known.find((k) => k === action);
  return key ? page.t(`stakeholders.audit.${key}`) : page.t('stakeholders.audit.other', { action });
}

export function DetailPage(props: {
  page: PageContext;
  stakeholder: StakeholderRecord;
  history: HistoryEntry[];
  canChange: boolean;
  notice?: string;
  erasureRequest?: ErasureRequestRow;
  /** Rounds this stakeholder gave opinions in, each with a reply letter to them. */
  letterRounds?: { id: string; title: string }[];
}) {
  const { page, stakeholder: s, history, canChange, notice, erasureRequest } = props;
  const { t, locale } = page;
  const name = displayName(page, s);
  const status = s.erasedAt ? t('stakeholders.status.erased') : s.archivedAt ? t('stakeholders.status.archived') : t('stakeholders.status.active');
  const rows: [string, unknown][] = [
    [t('stakeholders.field.organization'), s.organization],
    [t('stakeholders.field.title'), s.title],
    [t('stakeholders.field.category'), t(`category.${s.category}`)],
    [t('stakeholders.field.email'), s.email ?? ''],
    [t('stakeholders.field.phone'), s.phone],
    [t('stakeholders.field.tags'), s.tags.map((tag) => <span class="tag">{tag}</span>)],
    [t('stakeholders.field.notes'), <span class="stakeholder-notes">{s.notes}</span>],
    [t('stakeholders.field.consent.short'), s.consent ? t('common.yes') : t('common.no')],
    [t('stakeholders.field.source'), t(`stakeholders.source.${s.source}`)],
    [t('stakeholders.field.status'), s.unmailableReason ? `${status} · ${t('stakeholders.status.unmailable', { reason: suppressionReasonLabel(t, s.unmailableReason) })}` : status],
    [t('common.createdAt'), formatDateTime(s.createdAt, locale)],
    [t('common.updatedAt'), formatDateTime(s.updatedAt, locale)],
  ];
  if (s.archivedAt) rows.push([t('stakeholders.detail.archivedAt'), formatDateTime(s.archivedAt, locale)]);
  if (s.erasedAt) rows.push([t('stakeholders.detail.erasedAt'), formatDateTime(s.erasedAt, locale)]);
  return (
    <Layout page={page} title={name} nav="stakeholders">
      <p>
        <a href="/stakeholders">{t('common.back')}</a>
      </p>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <OpenRequestNotice page={page} request={erasureRequest} />
      <div class="page-head">
        <h1>{name}</h1>
        {canChange && !s.erasedAt ? (
          <div class="button-row">
            <a class="button" href={`/stakeholders/${s.id}/edit`}>{t('common.edit')}</a>
            <a class="button button--secondary" href={`/stakeholders/${s.id}/erase`}>{t('stakeholders.erase')}</a>
          </div>
        ) : null}
      </div>
      <dl class="panel stakeholder-facts">
        {rows.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      {s.erasedAt ? null : <StakeholderLetters page={page} stakeholderId={s.id} rounds={props.letterRounds ?? []} />}
      <h2>{t('stakeholders.detail.history')}</h2>
      {history.length === 0 ? (
        <p class="muted">{t('stakeholders.detail.noHistory')}</p>
      ) : (
        <ul class="stakeholder-history">
          {history.map((entry) => (
            <li>
              {formatDateTime(entry.createdAt, locale)} · {historyLabel(page, entry.action)} · {entry.actorLabel}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function OpenRequestNotice({ page, request }: { page: PageContext; request?: ErasureRequestRow }) {
  if (!request) return null;
  const due = formatDate(request.dueAt, page.locale);
  return <Notice kind="warning">{page.t('stakeholders.erasure.openRequest', { time: formatDateTime(request.requestedAt, page.locale), due })}</Notice>;
}

/** The confirmation an erase asks for: what is removed, what stays, whether a mail goes out; it posts `confirm=1`. */
export function EraseConfirmPage({ page, stakeholder, erasureRequest, opinions, back }: { page: PageContext; stakeholder: StakeholderRecord; erasureRequest?: ErasureRequestRow; opinions: number; back?: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('stakeholders.erase.title', { name: stakeholder.name })} nav="stakeholders">
      <div class="narrow">
        <h1>{t('stakeholders.erase.title', { name: stakeholder.name })}</h1>
        <OpenRequestNotice page={page} request={erasureRequest} />
        <Notice kind="warning">
          <p>{t('stakeholders.erase.explain')}</p>
          {opinions > 0 ? <p>{t('stakeholders.erase.opinionsKept', { count: opinions })}</p> : null}
          {erasureRequest && stakeholder.email ? <p>{t('stakeholders.erase.willMail')}</p> : null}
        </Notice>
        <form method="post" action={`/stakeholders/${stakeholder.id}/erase`}>
          <input type="hidden" name={CONFIRM_FIELD} value="1" />
          {back ? <input type="hidden" name="back" value={back} /> : null}
          <div class="button-row">
            <button type="submit" class="button--danger">
              {t('stakeholders.erase.confirm')}
            </button>
            <a class="button button--quiet" href={back ?? `/stakeholders/${stakeholder.id}`}>
              {t('common.cancel')}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
