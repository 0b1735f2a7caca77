/** Reading a stakeholder spreadsheet: encoding, delimiter, English or Chinese headers, row numbers as Excel shows them. */
import Papa from 'papaparse';
import { decodeCsvBytes, UNDECODABLE, type CsvEncoding } from '../../lib/csv';
import { fail, ok, type Result } from '../../lib/result';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export const IMPORT_COLUMNS = ['name', 'organization', 'title', 'category', 'email', 'phone', 'tags', 'notes'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'category'];

/** Header spellings people use, compared lower-cased with spaces removed. */
const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  name: ['name', '姓名', '名字'],
  organization: ['organization', 'organisation', 'org', '单位', '工作单位'],
  title: ['title', 'position', '职务', '职位'],
  category: ['category', '类别', '分类'],
  email: ['email', 'e-mail', '邮箱', '电子邮箱', '电子邮件'],
  phone: ['phone', 'mobile', '电话', '手机', '联系电话'],
  tags: ['tags', 'tag', '标签'],
  notes: ['notes', 'note', '备注'],
};
const headerSpaceRe = /[\s\u3000]/g;

export type ParsedRow = {
  /** The row number Excel shows: the header is row 1. */
  row: number;
  values: Partial<Record<ImportColumn, string>>;
  /** Set when the row cannot be read as a whole (too few cells, broken quotes) or one of its cells not at all (`column`). */
  problem?: { kind: 'too_few_cells' | 'too_many_cells' | 'broken_quotes' | 'undecodable'; cells: number; column?: ImportColumn };
};

export type ParsedFile = {
  encoding: CsvEncoding;
  /** Which of our columns the file has, and the heading it uses for each (errors name the column as the file does). */
  headings: Partial<Record<ImportColumn, string>>;
  headerCells: number;
  rows: ParsedRow[];
};

export type ParseFailure = 'too_large' | 'empty' | 'missing_columns' | 'too_many_rows';

function columnOf(heading: string): ImportColumn | null {
  const key = heading.replace(headerSpaceRe, '').toLowerCase();
  return IMPORT_COLUMNS.find((column) => HEADER_ALIASES[column].includes(key)) ?? null;
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  return firstLine.includes(';') ? ';' : ',';
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

export function parseImportFile(bytes: Uint8Array): Result<ParsedFile, ParseFailure> & { missing?: ImportColumn[] } {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return fail('too_large');
  const { text, encoding } = decodeCsvBytes(bytes);
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiterOf(text), skipEmptyLines: false });
  const records = parsed.data;
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return fail('empty');
  const header = records[headerIndex]!;
  const positions = new Map<ImportColumn, number>();
  const headings: Partial<Record<ImportColumn, string>> = {};
  header.forEach((heading, index) => {
    const column = columnOf(heading);
    if (column && !positions.has(column)) {
      positions.set(column, index);
      headings[column] = heading.trim();
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length) return { ...fail('missing_columns'), missing };

  const brokenRecords = new Set(parsed.errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes').map((e) => e.row));
  const rows: ParsedRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    if (isBlank(cells)) continue;
    const values: ParsedRow['values'] = {};
    for (const [column, position] of positions) if (position < cells.length) values[column] = cells[position]!;
    const row: ParsedRow = { row: index + 1, values };
    const extra = cells.slice(header.length);
    if (brokenRecords.has(index)) row.problem = { kind: 'broken_quotes', cells: cells.length };
    else if (cells.length < header.length) row.problem = { kind: 'too_few_cells', cells: cells.length };
    // Trailing empty cells are what spreadsheets leave behind; anything else means a column shifted.
    else if (!isBlank(extra)) row.problem = { kind: 'too_many_cells', cells: cells.length };
    else {
      // Bytes the file's encoding cannot read are refused where they are, not imported as U+FFFD.
      const column = [...positions.keys()].find((key) => values[key]?.includes(UNDECODABLE));
      if (column) row.problem = { kind: 'undecodable', cells: cells.length, column };
    }
    rows.push(row);
    if (rows.length > IMPORT_MAX_ROWS) return fail('too_many_rows');
  }
  return ok({ encoding, headings, headerCells: header.length, rows });
}
