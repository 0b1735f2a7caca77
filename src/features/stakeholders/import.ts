/** Importing stakeholders: a dry run that says row by row what will happen, then the same plan applied in one batch. */
import * as v from 'valibot';
import { STAKEHOLDER_CATEGORIES, type StakeholderCategory, type StakeholderSource } from '../../db/schema';
import * as common from '../../i18n/common';
import type { Deps } from '../../lib/deps';
import { translate, type Locale } from '../../lib/i18n';
import { fail, ok, type Result } from '../../lib/result';
import { fieldErrors } from '../../lib/validation';
import { auditStatement } from '../audit/audit';
import type { Statement } from '../mail/outbox';
import { IMPORT_COLUMNS, parseImportFile, type ImportColumn, type ParsedFile, type ParsedRow, type ParseFailure } from './import-parse';
import { findByNormalizedEmails, findWithoutEmailByNames, type StakeholderRecord } from './queries';
import { normalizeEmail, stakeholderInputSchema, type StakeholderInput } from './schemas';
import { stakeholderColumns, type Actor } from './service';
import { deleteAllTags, insertStakeholders, insertTags, updateStakeholders, type StakeholderRow, type TagRow } from './statements';

export type ImportOutcome = 'create' | 'update' | 'unchanged';
export type ImportError = { row: number; column: string; message: string };
export type PlannedRow = {
  row: number;
  outcome: ImportOutcome;
  /** The existing stakeholder for updates and unchanged rows. */
  existingId: string | null;
  input: StakeholderInput;
  /** Fields an update changes. */
  changed: string[];
};
export type ImportCounts = { created: number; updated: number; unchanged: number; refused: number };
export type ImportPlan = { encoding: string; rows: PlannedRow[]; errors: ImportError[]; counts: ImportCounts };

/** Category cells may hold our code (`street`), its Chinese or English label, or one half of 政协委员/提案人. */
const CATEGORY_BY_LABEL = new Map<string, StakeholderCategory>();
for (const category of STAKEHOLDER_CATEGORIES) {
  const zh = common.zh[`category.${category}`];
  const en = common.en[`category.${category}`];
  for (const label of [category, zh, en, ...zh.split('/'), ...en.split(' / ')]) CATEGORY_BY_LABEL.set(label.trim().toLowerCase(), category);
}

export function categoryFromCell(cell: string): string {
  return CATEGORY_BY_LABEL.get(cell.trim().toLowerCase()) ?? cell.trim();
}

const ENCODING_NAMES: Record<ParsedFile['encoding'], string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030' };

function rowProblem(locale: Locale, file: ParsedFile, row: ParsedRow): ImportError | null {
  if (!row.problem) return null;
  const columns = IMPORT_COLUMNS.filter((column) => file.headings[column] !== undefined);
  const named = row.problem.column ?? columns.find((column) => row.values[column] === undefined);
  const column = (named && file.headings[named]) ?? file.headings.name ?? 'name';
  const key = `stakeholders.import.row.${row.problem.kind}` as const;
  return { row: row.row, column, message: translate(locale, key, { cells: row.problem.cells, expected: file.headerCells, encoding: ENCODING_NAMES[file.encoding] }) };
}

/** Validates one row with the same schema as the form; columns the file lacks keep the existing values. */
function rowInput(locale: Locale, file: ParsedFile, row: ParsedRow, existing: StakeholderRecord | undefined) {
  const base: Record<string, unknown> = existing
    ? { ...existing, tags: existing.tags, email: existing.email ?? '' }
    : { organization: '', title: '', email: '', phone: '', tags: '', notes: '', consent: true };
  const fromFile: Record<string, unknown> = {};
  for (const column of IMPORT_COLUMNS) {
    const cell = row.values[column];
    if (cell === undefined) continue;
    fromFile[column] = column === 'category' ? categoryFromCell(cell) : cell;
  }
  const input = { ...base, ...fromFile };
  const result = v.safeParse(stakeholderInputSchema, input, { lang: locale, abortPipeEarly: true });
  if (result.success) return ok(result.output);
  const [field, message] = Object.entries(fieldErrors(result.issues))[0] ?? ['name', ''];
  return fail('invalid', { [file.headings[field as ImportColumn] ?? field]: message });
}

function changedFields(input: StakeholderInput, existing: StakeholderRecord): string[] {
  const next = stakeholderColumns(input);
  const changed = (['name', 'organization', 'title', 'category', 'email', 'phone', 'notes', 'consent'] as const).filter(
    (key) => next[key] !== existing[key],
  );
  const sameTags = [...input.tags].sort().join('\n') === [...existing.tags].sort().join('\n');
  return sameTags ? changed : [...changed, 'tags'];
}

const matchKey = (name: string, organization: string) => `${name}\u0000${organization}`;

/** What an import would do, row by row, against the database as it is now. Writes nothing. */
export async function planImport(deps: Deps, bytes: Uint8Array, locale: Locale): Promise<Result<ImportPlan, ParseFailure> & { missing?: ImportColumn[] }> {
  const parsed = parseImportFile(bytes);
  if (!parsed.ok) return parsed;
  const file = parsed.value;
  const emails = file.rows.map((r) => normalizeEmail(r.values.email)).filter((e): e is string => e !== null);
  const byEmail = new Map((await findByNormalizedEmails(deps, emails)).map((s) => [s.emailNormalized!, s]));
  const unaddressed = file.rows.filter((r) => !normalizeEmail(r.values.email)).map((r) => (r.values.name ?? '').trim());
  const byName = new Map<string, StakeholderRecord>();
  for (const s of unaddressed.length ? await findWithoutEmailByNames(deps, unaddressed) : []) {
    if (!byName.has(matchKey(s.name, s.organization))) byName.set(matchKey(s.name, s.organization), s);
  }

  const rows: PlannedRow[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const row of file.rows) {
    const problem = rowProblem(locale, file, row);
    if (problem) {
      errors.push(problem);
      continue;
    }
    const email = normalizeEmail(row.values.email);
    const preliminary = email ? byEmail.get(email) : undefined;
    const result = rowInput(locale, file, row, preliminary);
    if (!result.ok) {
      const [column, message] = Object.entries(result.fields ?? {})[0] ?? ['name', ''];
      errors.push({ row: row.row, column, message });
      continue;
    }
    const input = result.value;
    const key = email ? `e:${email}` : `n:${matchKey(input.name, input.organization)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const column = email ? (file.headings.email ?? 'email') : (file.headings.name ?? 'name');
      errors.push({ row: row.row, column, message: translate(locale, 'stakeholders.import.row.duplicate', { row: earlier }) });
      continue;
    }
    seen.set(key, row.row);
    const existing = email ? preliminary : byName.get(matchKey(input.name, input.organization));
    if (!existing) {
      rows.push({ row: row.row, outcome: 'create', existingId: null, input, changed: [] });
      continue;
    }
    const changed = changedFields(input, existing);
    rows.push({ row: row.row, outcome: changed.length ? 'update' : 'unchanged', existingId: existing.id, input, changed });
  }
  const count = (outcome: ImportOutcome) => rows.filter((r) => r.outcome === outcome).length;
  const counts = { created: count('create'), updated: count('update'), unchanged: count('unchanged'), refused: errors.length };
  return ok({ encoding: file.encoding, rows, errors, counts });
}

/** Applies a plan in one D1 batch (one transaction): all of it is written, or nothing. */
export async function applyImportPlan(
  deps: Deps,
  actor: Actor,
  plan: ImportPlan,
  source: StakeholderSource = 'import',
): Promise<Result<ImportCounts, 'conflict'>> {
  const now = deps.clock();
  const created: StakeholderRow[] = [];
  const createdTags: TagRow[] = [];
  const updated: (Omit<StakeholderRow, 'source'> & { tags: string[] })[] = [];
  for (const row of plan.rows) {
    if (row.outcome === 'unchanged') continue;
    const columns = stakeholderColumns(row.input);
    if (row.outcome === 'create') {
      const id = deps.newId();
      created.push({ id, ...columns, source });
      createdTags.push(...row.input.tags.map((tag) => ({ stakeholderId: id, tag })));
    } else {
      updated.push({ id: row.existingId!, ...columns, tags: row.input.tags });
    }
  }
  const statements: Statement[] = [
    ...insertStakeholders(deps, created, now),
    ...insertTags(deps, createdTags),
    ...updateStakeholders(deps, updated, now),
    ...deleteAllTags(deps, updated.map((s) => s.id)),
    ...insertTags(deps, updated.flatMap((s) => s.tags.map((tag) => ({ stakeholderId: s.id, tag })))),
    auditStatement(deps, { actor, action: 'stakeholder.import', entityType: 'stakeholder', detail: { ...plan.counts, source } }),
  ];
  try {
    await deps.db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    // Someone added one of these addresses between the preview and now: nothing was written.
    if (error instanceof Error && /UNIQUE constraint failed/i.test(`${error.message} ${String(error.cause ?? '')}`)) return fail('conflict');
    throw error;
  }
  return ok(plan.counts);
}
