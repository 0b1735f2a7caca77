/** The summary as a Word document to file: title, the counts, and the 意见采纳情况表 with a header repeated on every page. */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import { closedEarlyAt } from '../rounds/views';
import type { Office } from '../settings/office';
import { closingParagraphs } from './closing';
import { chineseNumber } from './letter-text';
import { A4_LANDSCAPE_PAGE, A4_PAGE, BODY_FONT, body, LEVEL1_FONT, official, officialFooter, officialTitle, runs, SIZE, title } from './docx-parts';
import { ROWS_PLACEHOLDER, rowsXml, TABLE_TEXT_STYLE, withTableRows } from './docx-rows';
import { percent } from './figures';
import { figureItems, figuresSentence } from './figure-items';
import type { SummaryHead, SummaryOpinion } from './service';
import { zipStream } from '../../lib/zip-stream';
import { ADOPTION_DOCX_PERCENT, adoptionHeader, adoptionPreamble, adoptionRow } from './adoption-table';


function cell(text: string, percentWidth: number, bold = false): TableCell {
  return new TableCell({
    width: { size: percentWidth, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: runs(text, { size: SIZE.table, bold }) })],
  });
}

/** The header and one placeholder row; the opinions' rows are written as XML after packing (see docx-rows.ts). */
function opinionTable(t: Translator): Table {
  const head = new TableRow({ tableHeader: true, cantSplit: true, children: adoptionHeader(t).map((label, i) => cell(label, ADOPTION_DOCX_PERCENT[i]!, true)) });
  const placeholder = new TableRow({ children: [cell(ROWS_PLACEHOLDER, 100)] });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, placeholder] });
}

async function* opinionRows(t: Translator, chunks: AsyncIterable<SummaryOpinion[]>): AsyncGenerator<string> {
  for await (const chunk of chunks) yield rowsXml(chunk.map((o) => adoptionRow(t, o)), ADOPTION_DOCX_PERCENT);
}

/** The 意见采纳情况表 on landscape pages of its own: title, 征求时间 / 征求对象 / 反馈情况, the table. */
function adoptionSection(t: Translator, locale: Locale, summary: SummaryHead): (Paragraph | Table)[] {
  const preamble = adoptionPreamble(t, locale, summary);
  return [title(preamble.title), ...preamble.lines.map((line) => body(line)), opinionTable(t)];
}

/** The figures as label and value, the same lines as on the summary page and in the XLSX 统计 sheet. */
function figureTable(t: Translator, summary: SummaryHead): Table {
  const widths = [75, 25];
  const rows = figureItems(t, summary.figures).map((item) => new TableRow({ cantSplit: true, children: [cell(item.label, widths[0]!), cell(item.shown, widths[1]!)] }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

function categoryTable(t: Translator, summary: SummaryHead): Table | null {
  const { byCategory } = summary.figures;
  const categories = STAKEHOLDER_CATEGORIES.filter((c) => byCategory[c]);
  if (!categories.length) return null;
  const widths = [40, 20, 20, 20];
  const head = new TableRow({ tableHeader: true, children: [t('summaries.category'), t('summaries.invited'), t('summaries.responded'), t('summaries.responseRate')].map((l, i) => cell(l, widths[i]!, true)) });
  const rows = categories.map((c) => {
    const f = byCategory[c]!;
    return new TableRow({ children: [t(`category.${c}`), String(f.invited), String(f.heard), percent(f.heard, f.invited)].map((v, i) => cell(v, widths[i]!)) });
  });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] });
}

const partNumber = (locale: Locale, n: number) => (locale === 'zh-CN' ? chineseNumber(n) : String(n));

/**
 * The summary in the layout of the reply letter (GB/T 9704-2012): title, 黑体 headings numbered 一、二、, 三号 仿宋 body
 * at fixed spacing, the figures and categories as tables, issuing office, date and contact at the end; the
 * 意见采纳情况表 follows on landscape pages. Both sections number their pages "— 1 —".
 */
export async function summaryDocx(
  t: Translator,
  locale: Locale,
  input: { summary: SummaryHead; now: Date; office: Office; chunks: AsyncIterable<SummaryOpinion[]> },
): Promise<ReadableStream<Uint8Array>> {
  const { summary, now, office } = input;
  const { round } = summary;
  const d = summary.figures.dispositions;
  const categories = categoryTable(t, summary);
  const end = closedEarlyAt(round) ?? round.closesAt;
  const children: (Paragraph | Table)[] = [
    officialTitle(t('summaries.heading', { title: round.title })),
    official(t('summaries.docx.part', { number: partNumber(locale, 1), heading: t('summaries.counts') }), { font: LEVEL1_FONT }),
    official(`${t('summaries.period')}：${formatDate(round.opensAt, locale)} — ${formatDate(end, locale)}`),
    official(figuresSentence(t, summary.figures)),
    figureTable(t, summary),
    official(t('summaries.docx.dispositionsLine', { adopted: d.adopted, partly: d.partly_adopted, not: d.not_adopted, noted: d.noted, pending: d.pending })),
    ...(round.shortPeriodReason ? [official(`${t('summaries.shortPeriodReason')}：${round.shortPeriodReason}`)] : []),
    ...(categories ? [official(t('summaries.docx.part', { number: partNumber(locale, 2), heading: t('summaries.byCategory') }), { font: LEVEL1_FONT }), categories] : []),
    ...closingParagraphs(t, locale, { office, round, now }),
  ];
  const footers = { default: officialFooter() };
  const doc = new Document({
    creator: 'Roundtable',
    title: t('summaries.heading', { title: round.title }),
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.letter } } }, paragraphStyles: [TABLE_TEXT_STYLE] },
    sections: [
      { properties: { page: A4_PAGE }, footers, children },
      { properties: { page: A4_LANDSCAPE_PAGE }, footers, children: adoptionSection(t, locale, summary) },
    ],
  });
  // The 意见采纳情况表's rows are written into the stream as they are read: the document is never whole in memory.
  return zipStream(withTableRows(await Packer.toArrayBuffer(doc), opinionRows(t, input.chunks)));
}
