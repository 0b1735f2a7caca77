/**
 * Hand-picking stakeholders from a directory of thousands without a script: a search box, a paged list of results
 * with add buttons, and the picked list with remove buttons. Every button posts the whole form, which comes back
 * with what was typed kept; nothing is saved until the form's own submit button.
 */
import { and, asc, count, inArray, isNull, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { chunk } from '../../db/client';
import { stakeholders, type StakeholderCategory } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Locale } from '../../lib/i18n';
import { singleLine, validate } from '../../lib/validation';
import { escapeLike } from '../stakeholders/queries';
import { many, one, type FormBody } from './form-data';
import { AUDIENCE_IDS_MAX } from './schemas';

export const PICKER_PAGE_SIZE = 20;
export const PICKER_QUERY_MAX = 100;
const ID_MAX = 64;
/** Ids per IN (…) lookup, under D1's 100 bound parameters. */
const IDS_PER_QUERY = 90;

export type PickerState = { picked: string[]; query: string; page: number; shown: boolean };
export type PickedPerson = { id: string; name: string; organization: string; category: StakeholderCategory; title: string; email: string | null };
export type PickerData = { state: PickerState; picked: PickedPerson[]; results: PickedPerson[] | null; total: number; pages: number };

const pickerSchema = v.object({
  query: singleLine(PICKER_QUERY_MAX),
  page: v.pipe(v.string(), v.transform((s) => Math.max(0, Number.parseInt(s, 10) || 0))),
  add: v.array(v.pipe(v.string(), v.maxLength(ID_MAX))),
  remove: v.pipe(v.string(), v.maxLength(ID_MAX)),
});

/** The picker as the form carries it when no picker button was pressed (a plain save or preview). */
export function pickerStateOf(picked: string[]): PickerState {
  return { picked, query: '', page: 0, shown: false };
}

type PickResult = { state: PickerState; acted: boolean; error: { field: 'pickQuery' | 'stakeholderIds'; message: string } | null };

/** Reads the picker's fields and applies the button that was pressed (search, page, add, add the page, remove). */
export async function pickFromForm(deps: Deps, form: FormBody, picked: string[], locale: Locale, tooMany: string): Promise<PickResult> {
  const acted = ['pickSearch', 'pickPage', 'pickAdd', 'pickAddPage', 'pickRemove'].some((name) => form[name] !== undefined);
  const pageButton = one(form.pickPage);
  const input = validate(pickerSchema, { query: one(form.pickQuery), page: pageButton || one(form.pickAt), add: many(form.pickAdd), remove: one(form.pickRemove) }, locale);
  if (!input.ok) {
    return { state: pickerStateOf(picked), acted: true, error: { field: 'pickQuery', message: input.fields?.query ?? Object.values(input.fields ?? {})[0] ?? '' } };
  }
  const { query, add, remove } = input.value;
  // A new search starts at its first page; the other buttons keep the page the person was on.
  const page = form.pickSearch !== undefined ? 0 : input.value.page;
  // Results stay shown while the person works through them; words typed before pressing Enter (which previews) search too.
  const shown = form.pickSearch !== undefined || form.pickPage !== undefined || one(form.pickShown) === '1' || query !== '';
  let next = picked.filter((id) => id !== remove);
  const adding = form.pickAddPage !== undefined ? (await searchDirectory(deps, query, page)).results.map((r) => r.id) : add;
  const live = await liveIds(deps, adding.filter((id) => !next.includes(id)));
  next = [...next, ...adding.filter((id) => live.has(id) && !next.includes(id))];
  if (next.length > AUDIENCE_IDS_MAX) return { state: { picked, query, page, shown }, acted, error: { field: 'stakeholderIds', message: tooMany } };
  return { state: { picked: next, query, page, shown }, acted, error: null };
}

async function liveIds(deps: Deps, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk([...new Set(ids)], IDS_PER_QUERY)) {
    const rows = await deps.db.select({ id: stakeholders.id }).from(stakeholders).where(and(inArray(stakeholders.id, part), isNull(stakeholders.erasedAt)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

const personColumns = { id: stakeholders.id, name: stakeholders.name, organization: stakeholders.organization, category: stakeholders.category, title: stakeholders.title, email: stakeholders.email };

/** One page of the directory (live, not archived) matching the words, by category and name; and how many match. */
export async function searchDirectory(deps: Deps, query: string, page: number): Promise<{ results: PickedPerson[]; total: number }> {
  const conditions = [isNull(stakeholders.erasedAt), isNull(stakeholders.archivedAt)];
  if (query) conditions.push(sql`${stakeholders.searchText} LIKE ${`%${escapeLike(query.toLowerCase())}%`} ESCAPE '\\'`);
  const [results, [counted]] = await deps.db.batch([
    deps.db
      .select(personColumns)
      .from(stakeholders)
      .where(and(...conditions))
      .orderBy(asc(stakeholders.category), asc(stakeholders.name), asc(stakeholders.id))
      .limit(PICKER_PAGE_SIZE)
      .offset(page * PICKER_PAGE_SIZE),
    deps.db.select({ n: count() }).from(stakeholders).where(and(...conditions)),
  ]);
  return { results, total: counted?.n ?? 0 };
}

/** What the picker shows: the picked people by name, and the results page when a search was made. */
export async function loadPicker(deps: Deps, state: PickerState): Promise<PickerData> {
  const picked: PickedPerson[] = [];
  for (const part of chunk(state.picked, IDS_PER_QUERY)) {
    picked.push(...(await deps.db.select(personColumns).from(stakeholders).where(and(inArray(stakeholders.id, part), isNull(stakeholders.erasedAt)))));
  }
  const order = new Map(state.picked.map((id, i) => [id, i]));
  picked.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (!state.shown) return { state, picked, results: null, total: 0, pages: 0 };
  let page = state.page;
  let found = await searchDirectory(deps, state.query, page);
  const pages = Math.max(1, Math.ceil(found.total / PICKER_PAGE_SIZE));
  if (page >= pages) {
    page = pages - 1;
    found = await searchDirectory(deps, state.query, page);
  }
  return { state: { ...state, page }, picked, results: found.results, total: found.total, pages };
}
