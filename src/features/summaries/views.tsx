/** The summary page (意见采纳情况汇总): figures, charts with their tables, the 意见采纳情况表, downloads and the send form. */
import type { ChangeTableRow } from './changes-table';
import { ChangesTableSection } from './changes-table-view';
import { CHANNELS, DISPOSITIONS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { formatDateTime } from '../../lib/time';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { period } from '../rounds/views';
import { DispositionChart, ResponseRateChart, sectionName } from './charts';
import { DownloadsPanel, type AddresseeChoice } from './downloads-panel';
import { percent } from './figures';
import { figureItems } from './figure-items';
import type { HandlingResult } from './handling-result';
import type { SummaryHead, SummaryOpinion } from './service';
import { SendForm, type SendFormProps } from './send-form';
import { tableHeader, tableRow } from './table';
import { keptFragment } from '../../ui/fragment-cache';
import { PageLinks } from '../../ui/page-links';
import { TableWrap } from '../../ui/table-wrap';

/** Rows of the table per page: a full page of long opinions stays a light page; downloads hold the whole table. */
export const TABLE_PAGE_SIZE = 50;

export type SummaryTablePage = { rows: SummaryOpinion[]; page: number; pages: number; total: number };

export type SummaryPageProps = {
  page: PageContext;
  summary: SummaryHead;
  now: Date;
  /** One page of the 意见采纳情况表, read in SQL; `page` is 1-based. */
  table: SummaryTablePage;
  suggested: HandlingResult;
  /** Stakeholders with opinions in the round: the reply letter may be addressed to one of them. */
  addressees: AddresseeChoice;
  send: SendFormProps | null;
  flash?: { text: string; kind: 'success' | 'warning' } | null;
  /** The 修改对照表's rows (changes-table.ts). */
  changes?: ChangeTableRow[];
};

function Overview({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const { t } = page;
  const { round } = summary;
  return (
    <dl class="facts summary-facts">
      <dt>{t('summaries.period')}</dt>
      <dd>{period(page, round)}</dd>
      <dt>{t('summaries.status')}</dt>
      <dd>{t(`rounds.status.${round.status}`)}</dd>
      <dt>{t('summaries.contact')}</dt>
      <dd>{round.contactName || t('common.none')}</dd>
      <dt>{t('summaries.contactPhone')}</dt>
      <dd>{round.contactPhone || t('common.none')}</dd>
      <dt>{t('summaries.contactAddress')}</dt>
      <dd>{round.contactAddress || t('common.none')}</dd>
      {round.shortPeriodReason ? (
        <>
          <dt>{t('summaries.shortPeriodReason')}</dt>
          <dd class="pre-line">{round.shortPeriodReason}</dd>
        </>
      ) : null}
      <dt>{t('summaries.published')}</dt>
      <dd>{round.publishedAt ? <a href={`/p/${round.id}`}>{`/p/${round.id}`}</a> : t('summaries.notPublished')}</dd>
    </dl>
  );
}

function Counts({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const { t } = page;
  return (
    <>
      <dl class="summary-counts">
        {figureItems(t, summary.figures).map((item) => (
          <div class="summary-counts__item">
            <dt>{item.label}</dt>
            <dd>{item.shown}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('summaries.fig.note')}</p>
    </>
  );
}

function CategoryTable({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const { t } = page;
  const { byCategory } = summary.figures;
  const categories = STAKEHOLDER_CATEGORIES.filter((c) => byCategory[c]);
  if (!categories.length) return <p>{t('summaries.noInvitees')}</p>;
  return (
    <>
      <ResponseRateChart t={t} summary={summary} />
      <TableWrap>
        <table class="table">
          <caption>{t('summaries.byCategory')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('summaries.category')}</th>
              <th scope="col">{t('summaries.invited')}</th>
              <th scope="col">{t('summaries.responded')}</th>
              <th scope="col">{t('summaries.declined')}</th>
              <th scope="col">{t('summaries.responseRate')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => {
              const f = byCategory[c]!;
              return (
                <tr>
                  <th scope="row">{t(`category.${c}`)}</th>
                  <td>{f.invited}</td>
                  <td>{f.heard}</td>
                  <td>{f.declined}</td>
                  <td>{percent(f.heard, f.invited)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function ChannelTable({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const { t } = page;
  const { byChannel } = summary.figures.opinions;
  const channels = CHANNELS.filter((c) => byChannel[c]);
  if (!channels.length) return null;
  return (
    <TableWrap>
      <table class="table">
        <caption>{t('summaries.byChannel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summaries.channel')}</th>
            <th scope="col">{t('summaries.count')}</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr>
              <th scope="row">{t(`rounds.channel.${c}`)}</th>
              <td>{byChannel[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The chart and table of opinions by section: kept between views while the sections' figures stay the same. */
function SectionTable({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const key = `summary-sections|${page.locale}|${JSON.stringify(summary.sections)}`;
  return keptFragment(key, () => <SectionTableParts page={page} summary={summary} />);
}

function SectionTableParts({ page, summary }: { page: PageContext; summary: SummaryHead }) {
  const { t } = page;
  const sections = summary.sections.filter((s) => s.opinions > 0);
  if (!sections.length) return <p>{t('summaries.noOpinions')}</p>;
  return (
    <>
      <DispositionChart t={t} summary={summary} />
      <TableWrap>
        <table class="table">
          <caption>{t('summaries.bySection')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('summaries.section')}</th>
              <th scope="col">{t('summaries.opinionTotal')}</th>
              {DISPOSITIONS.map((d) => (
                <th scope="col">{t(`summaries.disposition.${d}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sections.map((s) => (
              <tr>
                <th scope="row">{sectionName(t, s)}</th>
                <td>{s.opinions}</td>
                {DISPOSITIONS.map((d) => (
                  <td>{s.dispositions[d]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function OpinionTable({ page, table }: { page: PageContext; table: SummaryTablePage }) {
  const { t } = page;
  if (!table.rows.length) return <p>{t('summaries.noOpinions')}</p>;
  const { pages, page: current, rows: shown } = table;
  const [, ...headers] = tableHeader(t);
  return (
    <>
      <TableWrap>
        <table class="table summary-table">
          <thead>
            <tr>
              <th scope="col">{t('summaries.col.seq')}</th>
              {headers.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => {
              const [seq, section, text, author, channel, disposition, reply] = tableRow(t, o);
              return (
                <tr>
                  <th scope="row">{seq}</th>
                  <td>{section}</td>
                  <td class="pre-line">{text}</td>
                  <td>{author}</td>
                  <td>{channel}</td>
                  <td>
                    <span class={`badge summary-badge--${o.disposition}`}>{disposition}</span>
                  </td>
                  <td class="pre-line">{reply}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 ? (
        <nav class="pager" aria-label={t('summaries.table')}>
          <span>{t('summaries.tablePage', { from: (current - 1) * TABLE_PAGE_SIZE + 1, to: (current - 1) * TABLE_PAGE_SIZE + shown.length, total: table.total })}</span>
          {current > 1 ? <a href={`?page=${current - 1}#table-heading`}>{t('summaries.previousPage')}</a> : null}
          <PageLinks current={current - 1} pages={pages} href={(i) => `?page=${i + 1}#table-heading`} />
          {current < pages ? <a href={`?page=${current + 1}#table-heading`}>{t('common.next')}</a> : null}
        </nav>
      ) : null}
    </>
  );
}

export function SummaryPage({ page, summary, now, table, suggested, addressees, send, flash, changes }: SummaryPageProps) {
  const { t } = page;
  return (
    <Layout page={page} title={t('summaries.heading', { title: summary.round.title })} nav="rounds">
      <div class="page-head">
        <h1>{t('summaries.heading', { title: summary.round.title })}</h1>
        <a href={`/rounds/${summary.round.id}`} class="summary-back">
          {t('common.back')}
        </a>
      </div>
      <p class="muted">{t('summaries.generatedAt', { date: formatDateTime(now, page.locale) })}</p>
      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}
      <section class="panel" aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t('summaries.counts')}</h2>
        <Overview page={page} summary={summary} />
        <Counts page={page} summary={summary} />
      </section>
      <section class="panel" aria-labelledby="category-heading">
        <h2 id="category-heading">{t('summaries.byCategory')}</h2>
        <CategoryTable page={page} summary={summary} />
        <ChannelTable page={page} summary={summary} />
      </section>
      <section class="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t('summaries.bySection')}</h2>
        <SectionTable page={page} summary={summary} />
      </section>
      <section class="panel summary-table-panel" aria-labelledby="table-heading">
        <h2 id="table-heading">{t('summaries.table')}</h2>
        <OpinionTable page={page} table={table} />
      </section>
      <ChangesTableSection page={page} roundId={summary.round.id} rows={changes ?? []} />
      <DownloadsPanel page={page} roundId={summary.round.id} suggested={suggested} choice={addressees} />
      {send ? <SendForm {...send} /> : null}
    </Layout>
  );
}
