/**
 * Reply letters of a round: to everyone (各有关单位) or to each stakeholder who gave opinions, one DOCX each or all of
 * them in one ZIP. The handling result is the one staff chose, or each letter's own suggestion.
 */
import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { opinions, rounds, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Locale, Translator } from '../../lib/i18n';
import { loadOffice } from '../settings/office';
import { escapeLike } from '../stakeholders/queries';
import { letterFileName } from './files';
import { countDispositions, suggestedResult, type HandlingResult } from './handling-result';
import { letterOpinions, replyLetterDocx, type LetterAddressee } from './reply-letter';
import { roundMeetings, type Summary } from './service';

type Addressed = Extract<LetterAddressee, { kind: 'stakeholder' }>;

const addresseeColumns = { id: stakeholders.id, name: stakeholders.name, organization: stakeholders.organization, category: stakeholders.category };
export const toAddressee = (row: Omit<Addressed, 'kind'>): Addressed => ({ kind: 'stakeholder', ...row });

/** A stakeholder who can be written to; erased ones cannot (their name is gone). */
export async function findAddressee(deps: Deps, stakeholderId: string): Promise<Addressed | null> {
  const [row] = await deps.db.select(addresseeColumns).from(stakeholders).where(and(eq(stakeholders.id, stakeholderId), isNull(stakeholders.erasedAt)));
  return row ? toAddressee(row) : null;
}

/** The most addressees the summary page offers at once; its search finds the others (a big round has 1,500 authors). */
export const ADDRESSEES_SHOWN = 50;
/** The longest addressee search: longer than any name or unit worth typing. */
export const ADDRESSEE_SEARCH_MAX = 100;

/** Stakeholders the round has opinions from, erased ones left out. */
function roundAuthors(deps: Deps, roundId: string): SQL {
  const authors = deps.db.selectDistinct({ id: opinions.stakeholderId }).from(opinions).where(eq(opinions.roundId, roundId));
  return and(inArray(stakeholders.id, sql`${authors}`), isNull(stakeholders.erasedAt))!;
}

/** A name or unit containing `search` as typed: `%` and `_` are letters here, not wildcards. */
function nameOrUnitContains(search: string): SQL {
  const pattern = `%${escapeLike(search)}%`;
  return sql`(${stakeholders.name} LIKE ${pattern} ESCAPE '\\' OR ${stakeholders.organization} LIKE ${pattern} ESCAPE '\\')`;
}

/**
 * The round's authors by name, the query to run in a batch (map its rows with toAddressee); with `search`, only those
 * whose name or unit contains it; with `limit`, no more than that.
 */
export function roundAddresseesQuery(deps: Deps, roundId: string, choice: { search?: string; limit?: number } = {}) {
  const conditions = [roundAuthors(deps, roundId)];
  if (choice.search) conditions.push(nameOrUnitContains(choice.search));
  return deps.db
    .select(addresseeColumns)
    .from(stakeholders)
    .where(and(...conditions))
    .orderBy(stakeholders.name, stakeholders.id)
    .limit(choice.limit ?? -1);
}

/** How many stakeholders the round has opinions from (and a letter could be addressed to). */
export function roundAddresseeCountQuery(deps: Deps, roundId: string) {
  return deps.db.select({ n: count() }).from(stakeholders).where(roundAuthors(deps, roundId));
}

/** Everyone the round has opinions from, by name. */
export async function roundAddressees(deps: Deps, roundId: string): Promise<Addressed[]> {
  return (await roundAddresseesQuery(deps, roundId)).map(toAddressee);
}

/** The rounds a stakeholder gave opinions in: their page offers a letter for each. */
export async function stakeholderLetterRounds(deps: Deps, stakeholderId: string): Promise<{ id: string; title: string }[]> {
  return deps.db
    .selectDistinct({ id: rounds.id, title: rounds.title, opensAt: rounds.opensAt })
    .from(rounds)
    .innerJoin(opinions, eq(opinions.roundId, rounds.id))
    .where(eq(opinions.stakeholderId, stakeholderId))
    .orderBy(rounds.opensAt)
    .then((rows) => rows.map(({ id, title }) => ({ id, title })));
}

export type LetterRequest = { summary: Summary; addressee: LetterAddressee; result: HandlingResult | null };

/** The result staff chose, else the one suggested by the dispositions of the opinions this letter answers. */
export function letterResult(summary: Summary, addressee: LetterAddressee, chosen: HandlingResult | null): HandlingResult {
  return chosen ?? suggestedResult(countDispositions(letterOpinions(summary, addressee)));
}

export async function draftReplyLetter(deps: Deps, t: Translator, locale: Locale, request: LetterRequest): Promise<ArrayBuffer> {
  const [meetings, office] = await Promise.all([roundMeetings(deps, request.summary.round.id), loadOffice(deps)]);
  const result = letterResult(request.summary, request.addressee, request.result);
  return replyLetterDocx(t, locale, { summary: request.summary, addressee: request.addressee, meetings, result, now: deps.clock(), office });
}

/** One letter to everyone and one per stakeholder with opinions, named so that each file says whom it answers. */
export async function draftReplyLettersZip(deps: Deps, t: Translator, locale: Locale, summary: Summary, chosen: HandlingResult | null): Promise<Uint8Array> {
  const addressees: LetterAddressee[] = [{ kind: 'all' }, ...(await roundAddressees(deps, summary.round.id))];
  const files: Record<string, Uint8Array> = {};
  for (const addressee of addressees) {
    const bytes = await draftReplyLetter(deps, t, locale, { summary, addressee, result: chosen });
    const base = letterFileName(t, addressee.kind === 'all' ? t('summaries.letter.toAll') : addressee.organization ? `${addressee.organization}-${addressee.name}` : addressee.name);
    // Two stakeholders may share a name and unit: number the second rather than overwrite the first.
    let name = `${base}.docx`;
    for (let n = 2; files[name]; n++) name = `${base}-${n}.docx`;
    files[name] = new Uint8Array(bytes);
  }
  return zipSync(files, { level: 6 });
}
