/**
 * A small SpreadsheetML writer: text as shared strings (never formulas), numbers, percentages, column widths and a
 * frozen header row, zipped synchronously. write-excel-file's `universal` build zips with fflate's async API, which
 * starts a Web Worker for any part over 160 KB — workerd has none, so a workbook of a few thousand rows failed.
 */
import { strToU8, zipSync } from 'fflate';
import { neutralizeFormula } from './csv';

/** Control characters XML 1.0 forbids: one of them in a stakeholder's text would make the whole file unreadable. */
const xmlInvalidRe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlSafe(text: string): string {
  return text.replace(xmlInvalidRe, '');
}

export type XlsxCell = string | number | { percent: number };
export type XlsxSheet = {
  name: string;
  widths: number[];
  header: string[];
  rows: XlsxCell[][];
  /** A title row, then lines (征求时间, 反馈情况…), each across the table's width above the header. */
  title?: { text: string; lines: string[] };
  /** Row height in points for the table's rows (a sign-in sheet needs room to sign); automatic when unset. */
  rowHeight?: number;
  /** A sheet for machines (an identifier to read back), not shown in the workbook's tabs. */
  hidden?: boolean;
};

/**
 * Style ids in styles.xml's cellXfs: default, bold bordered header, bordered wrapped text at the top, number,
 * percentage, the title, and the lines under it. Table cells carry thin borders so a printout reads as a table.
 */
const STYLE = { header: 1, text: 2, number: 3, percent: 4, title: 5, line: 6 } as const;
/** Points per line of the title's lines, for their row height (Excel does not grow merged rows by itself). */
const LINE_HEIGHT = 16;
/** Characters per line of a merged line at 11 pt, a rough count: a line of Chinese takes two columns of width per character. */
const lineRows = (text: string, width: number) => Math.max(1, Math.ceil((text.length * 2) / Math.max(width, 1)));
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_NAME_MAX = 31;

function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"\r]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' })[ch]!);
}

function sheetName(sheet: Pick<XlsxSheet, 'name'>): string {
  return sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, SHEET_NAME_MAX);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(text: string): number {
    this.count += 1;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.index.set(text, id);
      this.list.push(text);
    }
    return id;
  }
}

/** `strings` null: text goes in inline (t="inlineStr"), so a streamed sheet keeps nothing per row in memory. */
function cellXml(ref: string, cell: XlsxCell, strings: SharedStrings | null, style: number): string {
  if (typeof cell === 'number') return `<c r="${ref}" s="${STYLE.number}"><v>${cell}</v></c>`;
  if (typeof cell === 'object') return `<c r="${ref}" s="${STYLE.percent}"><v>${cell.percent}</v></c>`;
  // Every text cell is made safe, whoever wrote it: a string type (t="s" or "inlineStr") already keeps it from
  // running, the apostrophe keeps it from running after someone edits the cell.
  const text = neutralizeFormula(cell);
  if (!strings) return `<c r="${ref}" t="inlineStr" s="${style}"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
  return `<c r="${ref}" t="s" s="${style}"><v>${strings.id(text)}</v></c>`;
}

function rowXml(r: number, cells: string, height?: number): string {
  return `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${cells}</row>`;
}

/** The row of the table's header (1-based): below the title and its lines when there are any. */
export function headerRowOf(sheet: Pick<XlsxSheet, 'title'>): number {
  return sheet.title ? sheet.title.lines.length + 2 : 1;
}

/**
 * A worksheet set up to print: A4 landscape, one page wide, header row frozen on screen and repeated on paper
 * (the workbook's _xlnm.Print_Titles), wrapped text, borders. Written as its start (up to the header row), its rows
 * and its end, so that a streamed sheet can put its rows in between as they arrive.
 */
export function sheetStart(sheet: Omit<XlsxSheet, 'rows'>, strings: SharedStrings): { xml: string; merges: string[] } {
  const headerRow = headerRowOf(sheet);
  const lastColumn = columnName(sheet.widths.length - 1);
  const totalWidth = sheet.widths.reduce((a, b) => a + b, 0);
  const parts: string[] = [
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/></sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
    '<sheetData>',
  ];
  const merges: string[] = [];
  if (sheet.title) {
    parts.push(rowXml(1, cellXml('A1', sheet.title.text, strings, STYLE.title), 30));
    merges.push(`A1:${lastColumn}1`);
    sheet.title.lines.forEach((line, i) => {
      const r = i + 2;
      parts.push(rowXml(r, cellXml(`A${r}`, line, strings, STYLE.line), lineRows(line, totalWidth) * LINE_HEIGHT + 4));
      merges.push(`A${r}:${lastColumn}${r}`);
    });
  }
  parts.push(rowXml(headerRow, sheet.header.map((cell, c) => cellXml(`${columnName(c)}${headerRow}`, cell, strings, STYLE.header)).join('')));
  return { xml: parts.join(''), merges };
}

/** Table rows from sheet row `first` on; `strings` null writes their text inline. */
export function sheetRows(rows: readonly XlsxCell[][], first: number, strings: SharedStrings | null, rowHeight?: number): string {
  return rows.map((row, i) => rowXml(first + i, row.map((cell, c) => cellXml(`${columnName(c)}${first + i}`, cell, strings, STYLE.text)).join(''), rowHeight)).join('');
}

export function sheetEnd(merges: string[]): string {
  const parts = ['</sheetData>'];
  if (merges.length) parts.push(`<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`);
  parts.push(
    '<printOptions horizontalCentered="1"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>',
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    '<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter></worksheet>',
  );
  return parts.join('');
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const start = sheetStart(sheet, strings);
  return start.xml + sheetRows(sheet.rows, headerRowOf(sheet) + 1, strings, sheet.rowHeight) + sheetEnd(start.merges);
}

function stylesXml(font: string): string {
  const f = escapeXml(font);
  return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="${f}"/><charset val="134"/></font><font><b/><sz val="11"/><name val="${f}"/><charset val="134"/></font><font><b/><sz val="16"/><name val="${f}"/><charset val="134"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

/** The package's parts around the sheets: content types, relationships, the workbook (sheet names, print titles), styles. */
export function packageParts(sheets: Omit<XlsxSheet, 'rows'>[], font: string): { contentTypes: string; others: [string, string][] } {
  const n = sheets.length;
  const contentTypes = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const others: [string, string][] = [
    ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets
        .map((s, i) => `<sheet name="${escapeXml(sheetName(s))}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets><definedNames>${sheets
        .map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${escapeXml(sheetName(s).replaceAll("'", "''"))}'!$${headerRowOf(s)}:$${headerRowOf(s)}</definedName>`)
        .join('')}</definedNames></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ['xl/styles.xml', stylesXml(font)],
  ];
  return { contentTypes, others };
}

export function sharedStringsXml(strings: SharedStrings): string {
  return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${strings.count}" uniqueCount="${strings.list.length}">${strings.list.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;
}

export function buildXlsx(sheets: XlsxSheet[], font: string): Uint8Array {
  const strings = new SharedStrings();
  const { contentTypes, others } = packageParts(sheets, font);
  // [Content_Types].xml goes first in the archive, as Office writes it.
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(contentTypes) };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet, strings));
  });
  for (const [name, xml] of others) files[name] = strToU8(xml);
  files['xl/sharedStrings.xml'] = strToU8(sharedStringsXml(strings));
  return zipSync(files, { level: 6 });
}
