/**
 * Table rows of a Word document written as WordprocessingML text, streamed into the package. The docx library builds
 * every cell as objects and serializes them slowly (about 30 s for 12,000 opinions × 7 cells in workerd) and only
 * hands out a zipped package; the 意见采纳情况表 is therefore packed with one placeholder row, and the package (a few
 * kilobytes without the rows) is unzipped and zipped again as a stream in which the rows replace the placeholder as
 * they are read. The rows' text takes its font and size from one paragraph style, not from every run.
 */
import { unzipSync } from 'fflate';
import type { IParagraphStyleOptions } from 'docx';
import { BODY_FONT, SIZE } from './docx-parts';
import { xmlSafe } from '../../lib/xlsx';
import type { ZipEntry } from '../../lib/zip-stream';

export const ROWS_PLACEHOLDER = 'ROUNDTABLE-TABLE-ROWS-PLACEHOLDER';
const DOCUMENT_PART = 'word/document.xml';

/** The paragraph style of the rows' cells: 五号 仿宋, as the header row's cells are written by docx. */
export const TABLE_TEXT_STYLE: IParagraphStyleOptions = { id: 'TableText', name: 'Table Text', run: { font: BODY_FONT, size: SIZE.table } };

function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** Spaces at either end of a line are kept only where the text says so (most lines have none, and no attribute). */
const edgeSpaceRe = /^\s|\s$/;

/** One run per cell; line breaks in what a person typed become breaks. */
function cellText(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line, i) => `${i > 0 ? '<w:br/>' : ''}<w:t${edgeSpaceRe.test(line) ? ' xml:space="preserve"' : ''}>${escapeXml(line)}</w:t>`);
  return `<w:p><w:pPr><w:pStyle w:val="${TABLE_TEXT_STYLE.id}"/></w:pPr><w:r>${lines.join('')}</w:r></w:p>`;
}

/** One `<w:tr>` per row; widths are shares of the table width in percent (written in fiftieths, as docx does). */
export function rowsXml(rows: Iterable<readonly string[]>, widths: readonly number[]): string {
  const parts: string[] = [];
  for (const row of rows) {
    parts.push(`<w:tr>${row.map((text, i) => `<w:tc><w:tcPr><w:tcW w:type="pct" w:w="${widths[i]! * 50}"/></w:tcPr>${cellText(text)}</w:tc>`).join('')}</w:tr>`);
  }
  return parts.join('');
}

/** The packed document's parts, in their order, with the row holding the placeholder replaced by `rows` as they come. */
export function withTableRows(packed: ArrayBuffer, rows: AsyncIterable<string>): ZipEntry[] {
  const files = unzipSync(new Uint8Array(packed));
  const xml = new TextDecoder().decode(files[DOCUMENT_PART]);
  const marker = xml.indexOf(ROWS_PLACEHOLDER);
  if (marker < 0) throw new Error('table placeholder missing from the packed document');
  const start = Math.max(xml.lastIndexOf('<w:tr>', marker), xml.lastIndexOf('<w:tr ', marker));
  const end = xml.indexOf('</w:tr>', marker) + '</w:tr>'.length;
  async function* document() {
    yield xml.slice(0, start);
    yield* rows;
    yield xml.slice(end);
  }
  return Object.entries(files).map(([name, content]) => ({ name, content: name === DOCUMENT_PART ? document() : content }));
}
