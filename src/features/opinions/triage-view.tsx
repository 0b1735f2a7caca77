/** The triage page: filters, counts by disposition, the list (optionally grouped), one change for many opinions. */
import { opinionSectionName, sectionDisplayName } from '../rounds/section-name';
import { CHANNELS, DISPOSITIONS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { ErrorSummary, Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { dispositionLabels, DispositionBadge, DispositionFields, type DispositionFormValues } from './fields';
import type { ReplyTemplate } from './templates';
import { NO_ASSIGNEE, TRIAGE_PAGE_SIZE, WHOLE_DRAFT, type TriageFilters, type TriageItem, type TriagePage as TriageData } from './triage';
import { PageLinks } from '../../ui/page-links';
import { TableWrap } from '../../ui/table-wrap';
import { EmailConfirmationBadge } from '../feedback/open-confirmation-views';

type Section = { id: string; number: string; heading: string };

export type TriagePageProps = {
  page: PageContext;
  round: { id: string; title: string; status: string };
  sections: Section[];
  filters: TriageFilters;
  grouped: boolean;
  view: Pick<TriageData, 'counts' | 'assignees' | 'matching'>;
  /** The units shown on this page: groups when grouping (formed within the page), otherwise one opinion each. */
  units: TriageItem[][];
  pager: { page: number; pages: number };
  templates: ReplyTemplate[];
  canChange: boolean;
  values: DispositionFormValues;
  selected: string[];
  errors?: FieldErrors;
  flash?: string | null;
};

export function sectionLabel(t: Translator, item: { sectionNumber: string | null; sectionHeading: string | null; sectionId: string | null }) {
  return opinionSectionName(t, item);
}

export function authorLabel(item: { authorName: string; authorOrganization: string }) {
  if (item.authorName && item.authorOrganization) return `${item.authorName}（${item.authorOrganization}）`;
  return item.authorName || item.authorOrganization || '—';
}

export function filterQuery(filters: TriageFilters, grouped: boolean, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (grouped) params.set('group', '1');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Filters({ t, round, sections, filters, grouped, assignees }: { t: Translator; round: { id: string }; sections: Section[]; filters: TriageFilters; grouped: boolean; assignees: string[] }) {
  const select = (name: keyof TriageFilters, label: string, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{t('opinions.triage.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={filters[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action={`/rounds/${round.id}/triage`} class="panel triage-filters" aria-label={t('opinions.triage.filters')}>
      <div class="toolbar">
        {select('section', t('opinions.triage.section'), [{ value: WHOLE_DRAFT, label: t('rounds.section.whole') }, ...sections.map((s) => ({ value: s.id, label: sectionDisplayName(t, s) }))])}
        {select('category', t('opinions.triage.category'), STAKEHOLDER_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })))}
        {select('channel', t('opinions.triage.channel'), CHANNELS.map((c) => ({ value: c, label: t(`rounds.channel.${c}`) })))}
        {select('disposition', t('opinions.field.disposition'), DISPOSITIONS.map((d) => ({ value: d, label: t(`opinions.disposition.${d}`) })))}
        {select('assignee', t('opinions.triage.assignee'), [{ value: NO_ASSIGNEE, label: t('opinions.triage.assigneeNone') }, ...assignees.map((a) => ({ value: a, label: a }))])}
      </div>
      <div class="field field--checkbox">
        <input id="filter-group" name="group" type="checkbox" value="1" checked={grouped} aria-describedby="filter-group-hint" />
        <label for="filter-group">{t('opinions.triage.group')}</label>
        <p class="field__hint" id="filter-group-hint">
          {t('opinions.triage.groupHint')}
        </p>
      </div>
      <div class="button-row">
        <button type="submit" class="button button--secondary">
          {t('opinions.triage.apply')}
        </button>
        <a class="button button--quiet" href={`/rounds/${round.id}/triage`}>
          {t('common.reset')}
        </a>
      </div>
    </form>
  );
}

function Counts({ t, roundId, view, filters, grouped }: { t: Translator; roundId: string; view: Pick<TriageData, 'counts'>; filters: TriageFilters; grouped: boolean }) {
  return (
    <section aria-labelledby="triage-counts-heading" class="triage-counts">
      <h2 id="triage-counts-heading" class="visually-hidden">
        {t('opinions.triage.counts')}
      </h2>
      <ul>
        {DISPOSITIONS.map((d) => (
          <li>
            <a href={`/rounds/${roundId}/triage${filterQuery({ ...filters, disposition: d }, grouped)}`} aria-current={filters.disposition === d ? 'true' : undefined} data-disposition={d}>
              {t(`opinions.disposition.${d}`)} <strong>{view.counts[d]}</strong>
            </a>
          </li>
        ))}
        <li>
          <a href={`/rounds/${roundId}/triage${filterQuery({ ...filters, disposition: '' }, grouped)}`} data-disposition="total">
            {t('opinions.triage.total')} <strong>{view.counts.total}</strong>
          </a>
        </li>
      </ul>
    </section>
  );
}

function Row({ t, roundId, item, canChange, checked }: { t: Translator; roundId: string; item: TriageItem; canChange: boolean; checked: boolean }) {
  return (
    <tr class="triage-row" data-opinion={item.id}>
      {canChange ? (
        <td class="triage-select">
          <input type="checkbox" id={`op-${item.id}`} name="opinionIds" value={item.id} checked={checked} class="triage-check" />
          <label for={`op-${item.id}`} class="visually-hidden">
            {t('opinions.triage.selectOpinion', { n: item.number })}
          </label>
        </td>
      ) : null}
      <td data-label={t('opinions.col.number')}>{item.number}</td>
      <td data-label={t('opinions.col.section')}>{sectionLabel(t, item)}</td>
      <td data-label={t('opinions.col.author')}>
        {authorLabel(item)} <EmailConfirmationBadge t={t} confirmed={item.confirmed} />
        <br />
        <span class="muted">{t(`rounds.channel.${item.channel}`)}</span>
      </td>
      <td data-label={t('opinions.col.text')} class="pre-line triage-text">
        {item.text}
      </td>
      <td data-label={t('opinions.col.disposition')}>
        <DispositionBadge t={t} disposition={item.disposition} />
        {item.reply ? <p class="triage-reply pre-line">{item.reply}</p> : null}
        {item.assignee ? <p class="muted">{`${t('opinions.col.assignee')}：${item.assignee}`}</p> : null}
      </td>
      <td data-label={t('opinions.col.edit')}>
        <a href={`/rounds/${roundId}/opinions/${item.id}`}>{t('opinions.edit.link')}</a>
      </td>
    </tr>
  );
}

function OpinionTable({ t, roundId, units, grouped, canChange, selected }: { t: Translator; roundId: string; units: TriageItem[][]; grouped: boolean; canChange: boolean; selected: Set<string> }) {
  const columns = canChange ? 7 : 6;
  let groupNumber = 0;
  return (
    <TableWrap>
      <table class="table responsive triage-table">
        <thead>
          <tr>
            {canChange ? <th scope="col">{t('opinions.triage.select')}</th> : null}
            <th scope="col">{t('opinions.col.number')}</th>
            <th scope="col">{t('opinions.col.section')}</th>
            <th scope="col">{t('opinions.col.author')}</th>
            <th scope="col">{t('opinions.col.text')}</th>
            <th scope="col">{t('opinions.col.disposition')}</th>
            <th scope="col">{t('opinions.col.edit')}</th>
          </tr>
        </thead>
        {units.map((unit) => {
          const isGroup = grouped && unit.length > 1;
          if (isGroup) groupNumber += 1;
          return (
            <tbody class={isGroup ? 'triage-group' : undefined}>
              {isGroup ? (
                <tr class="triage-group__head">
                  <th scope="colgroup" colspan={columns}>
                    <span>{t('opinions.triage.group.heading', { n: groupNumber, count: unit.length })}</span>
                    {canChange ? (
                      <button type="submit" name="groupIds" value={unit.map((i) => i.id).join(' ')} class="button button--secondary triage-apply-group">
                        {t('opinions.triage.applyGroup', { count: unit.length })}
                      </button>
                    ) : null}
                  </th>
                </tr>
              ) : null}
              {unit.map((item) => (
                <Row t={t} roundId={roundId} item={item} canChange={canChange} checked={selected.has(item.id)} />
              ))}
            </tbody>
          );
        })}
      </table>
    </TableWrap>
  );
}

export function TriagePage(props: TriagePageProps) {
  const { page, round, sections, filters, grouped, view, units, pager, templates, canChange, values, selected, errors, flash } = props;
  const { t } = page;
  const heading = t('opinions.triage.title', { title: round.title });
  const shown = units.reduce((n, u) => n + u.length, 0);
  const table = <OpinionTable t={t} roundId={round.id} units={units} grouped={grouped} canChange={canChange} selected={new Set(selected)} />;
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{round.title}</a>
        {canChange ? (
          <>
            {' · '}
            <a href={`/rounds/${round.id}/templates`}>{t('opinions.triage.templates')}</a>
            {' · '}
            <a href={`/rounds/${round.id}/publish`}>{t('opinions.triage.publish')}</a>
          </>
        ) : null}
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary t={t} errors={errors} labels={dispositionLabels(t)} />
      <p>{canChange ? t('opinions.triage.intro') : t('opinions.triage.readOnly')}</p>
      <Filters t={t} round={round} sections={sections} filters={filters} grouped={grouped} assignees={view.assignees} />
      <Counts t={t} roundId={round.id} view={view} filters={filters} grouped={grouped} />
      <p class="muted" aria-live="polite">
        {t('opinions.triage.shown', { shown })}
      </p>
      {grouped && pager.pages > 1 ? <p class="muted">{t('opinions.triage.groupScope', { size: TRIAGE_PAGE_SIZE })}</p> : null}
      {view.matching === 0 ? (
        <p>{t('opinions.triage.empty')}</p>
      ) : canChange ? (
        <form method="post" action={`/rounds/${round.id}/triage${filterQuery(filters, grouped, pager.page ? { page: String(pager.page) } : {})}`} class="triage-form" id="triage-form">
          <p class="muted triage-keys">{t('opinions.triage.keyboard')}</p>
          {table}
          <fieldset class="panel triage-bulk">
            <legend>{t('opinions.triage.bulk')}</legend>
            <DispositionFields t={t} values={values} errors={errors} templates={templates} requireDisposition />
            <button type="submit" class="button">
              {t('opinions.triage.submit')}
            </button>
          </fieldset>
        </form>
      ) : (
        table
      )}
      {pager.pages > 1 ? (
        <nav class="pager" aria-label={t('opinions.triage.shown', { shown })}>
          <PageLinks current={pager.page} pages={pager.pages} href={(i) => `/rounds/${round.id}/triage${filterQuery(filters, grouped, { page: String(i) })}`} />
        </nav>
      ) : null}
    </Layout>
  );
}
