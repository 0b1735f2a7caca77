/** Round summaries: the page, the downloads (CSV, XLSX, DOCX, the reply letter), the JSON API and the summary email. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../env';
import { apiError, queryParams } from '../../lib/http';
import { message, queryInteger, validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { keptRoundPage } from '../../ui/page-cache';
import { hasRole, requireRole } from '../auth/guard';
import { listInvitees } from '../rounds/board';
import { changeCountQuery, loadChangesTable } from './changes-table';
import { changesTableRoutes } from './changes-table-routes';
import { summaryCsv } from './csv';
import { summaryDocx } from './docx';
import { downloadHeaders } from './files';
import { isHandlingResult, suggestedResult } from './handling-result';
import { ADDRESSEE_SEARCH_MAX, ADDRESSEES_SHOWN, draftReplyLetter, draftReplyLettersZip, findAddressee, roundAddresseeCountQuery, roundAddresseesQuery, toAddressee } from './letters';
import { activeStaffQuery, mailableAudienceCountQuery, sendSummary, type SendSummaryInput } from './mailing';
import type { LetterAddressee } from './reply-letter';
import { PAGE_LIMIT_MAX, PAGE_OFFSET_MAX, summaryJson } from './json';
import { loadOffice } from '../settings/office';
import { loadSummary, loadSummaryHead, summaryOpinionChunks, summaryOpinionPage, summaryOpinionPageQuery, toOpinion } from './service';
import type { SendFormProps } from './send-form';
import { SummaryPage, TABLE_PAGE_SIZE } from './views';
import { summaryXlsx } from './xlsx';

export const summaryRoutes = new Hono<AppEnv>();
summaryRoutes.route('/', changesTableRoutes);

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

const STAFF_IDS_MAX = 500;
const sendSchema = v.object({
  audience: v.boolean(),
  staffIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(STAFF_IDS_MAX, message('validation.tooMany'))),
});

/** `replyQ`: the addressee search; one that is too long is not applied and says why. */
const addresseeSearchSchema = v.pipe(v.string(), v.trim(), v.maxLength(ADDRESSEE_SEARCH_MAX, message('validation.tooLong')));

function addresseeSearch(c: C): { search: string; error: string | null } {
  const typed = c.req.query('replyQ') ?? '';
  const parsed = v.safeParse(addresseeSearchSchema, typed, { lang: c.get('locale') });
  return parsed.success ? { search: parsed.output, error: null } : { search: typed, error: parsed.issues[0].message };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadSummaryHead>>>;

/** The page in two D1 batches: the head, then one page of the table with the send form's and downloads' lists and counts. */
async function renderPage(c: C, loaded: Loaded, extra: { flash?: { text: string; kind: 'success' | 'warning' } | null; values?: SendSummaryInput; error?: string | null } = {}, status: 200 | 409 | 422 = 200) {
  const deps = c.get('deps');
  const page = pageContext(c);
  const { record, ...summary } = loaded;
  const id = summary.round.id;
  const total = summary.figures.opinions.total;
  const pages = Math.max(1, Math.ceil(total / TABLE_PAGE_SIZE));
  const tablePage = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), pages);
  const reply = addresseeSearch(c);
  const [rows, audience, staff, addressees, addresseeCount, changeCount] = await deps.db.batch([
    summaryOpinionPageQuery(deps, id, (tablePage - 1) * TABLE_PAGE_SIZE, TABLE_PAGE_SIZE),
    mailableAudienceCountQuery(deps, id),
    activeStaffQuery(deps),
    roundAddresseesQuery(deps, id, { search: reply.error ? '' : reply.search, limit: ADDRESSEES_SHOWN }),
    roundAddresseeCountQuery(deps, id),
    changeCountQuery(deps, id),
  ]);
  const send: SendFormProps | null = hasRole(c.get('staff'), 'organizer')
    ? { page, roundId: id, published: summary.round.publishedAt !== null, audienceCount: audience[0]?.n ?? 0, staff, values: extra.values, error: extra.error }
    : null;
  const changes = (changeCount[0]?.n ?? 0) > 0 ? await loadChangesTable(deps, record) : [];
  const table = { rows: rows.map(toOpinion), page: tablePage, pages, total };
  const choice = { shown: addressees.map(toAddressee), total: addresseeCount[0]?.n ?? 0, ...reply, tablePage };
  return c.html(
    <SummaryPage page={page} summary={summary} now={deps.clock()} table={table} suggested={suggestedResult(summary.figures.dispositions)} addressees={choice} send={send} flash={extra.flash ?? null} changes={changes} />,
    status,
  );
}

function sentFlash(c: C) {
  const sent = c.req.query('sent');
  const skipped = c.req.query('skipped');
  if (sent === undefined || skipped === undefined) return null;
  return { text: c.get('t')('summaries.send.done', { sent: Number(sent) || 0, skipped: Number(skipped) || 0 }), kind: 'success' as const };
}

summaryRoutes.get('/rounds/:id/summary', viewer, (c) =>
  keptRoundPage(c, c.req.param('id'), async () => {
    const loaded = await loadSummaryHead(c.get('deps'), c.req.param('id'));
    if (!loaded) return c.notFound();
    return renderPage(c, loaded, { flash: sentFlash(c) });
  }),
);

/*
 * The downloads stream: the head is read first (so a missing round is a 404), then the opinions a chunk at a time as
 * the file goes out, whatever the round's size. The D1 count header of bench builds covers the reads before the body.
 */
summaryRoutes.get('/rounds/:id/summary.csv', viewer, async (c) => {
  const deps = c.get('deps');
  const summary = await loadSummaryHead(deps, c.req.param('id'));
  if (!summary) return c.notFound();
  const t = c.get('t');
  return c.body(summaryCsv(t, summaryOpinionChunks(deps, summary)), 200, downloadHeaders(t, 'summary', summary.round, 'csv', deps.clock()));
});

summaryRoutes.get('/rounds/:id/summary.xlsx', viewer, async (c) => {
  const deps = c.get('deps');
  const id = c.req.param('id');
  const [summary, invitees] = await Promise.all([loadSummaryHead(deps, id), listInvitees(deps, id)]);
  if (!summary) return c.notFound();
  const t = c.get('t');
  const stream = summaryXlsx(t, c.get('locale'), summary, invitees, summaryOpinionChunks(deps, summary));
  return c.body(stream, 200, downloadHeaders(t, 'summary', summary.round, 'xlsx', deps.clock()));
});

summaryRoutes.get('/rounds/:id/summary.docx', viewer, async (c) => {
  const deps = c.get('deps');
  const [summary, office] = await Promise.all([loadSummaryHead(deps, c.req.param('id')), loadOffice(deps)]);
  if (!summary) return c.notFound();
  const t = c.get('t');
  const stream = await summaryDocx(t, c.get('locale'), { summary, now: deps.clock(), office, chunks: summaryOpinionChunks(deps, summary) });
  return c.body(stream, 200, downloadHeaders(t, 'summary', summary.round, 'docx', deps.clock()));
});

/** `?stakeholder=<id>` addresses the letter to one stakeholder and answers only their opinions; `?result=` overrides the suggestion. */
summaryRoutes.get('/rounds/:id/reply-letter.docx', viewer, async (c) => {
  const deps = c.get('deps');
  const summary = await loadSummary(deps, c.req.param('id'));
  if (!summary) return c.notFound();
  const stakeholderId = c.req.query('stakeholder');
  const addressee: LetterAddressee | null = stakeholderId ? await findAddressee(deps, stakeholderId) : { kind: 'all' };
  if (!addressee) return c.notFound();
  const chosen = c.req.query('result');
  const t = c.get('t');
  const bytes = await draftReplyLetter(deps, t, c.get('locale'), { summary, addressee, result: isHandlingResult(chosen) ? chosen : null });
  const to = addressee.kind === 'stakeholder' ? addressee.organization || addressee.name : undefined;
  return c.body(bytes, 200, downloadHeaders(t, 'reply', summary.round, 'docx', deps.clock(), to));
});

summaryRoutes.get('/rounds/:id/reply-letters.zip', viewer, async (c) => {
  const deps = c.get('deps');
  const summary = await loadSummary(deps, c.req.param('id'));
  if (!summary) return c.notFound();
  const chosen = c.req.query('result');
  const t = c.get('t');
  const bytes = await draftReplyLettersZip(deps, t, c.get('locale'), summary, isHandlingResult(chosen) ? chosen : null);
  return c.body(bytes.buffer as ArrayBuffer, 200, downloadHeaders(t, 'replies', summary.round, 'zip', deps.clock()));
});

summaryRoutes.post('/rounds/:id/summary/send', organizer, async (c) => {
  const deps = c.get('deps');
  const id = c.req.param('id');
  const form = await c.req.parseBody({ all: true });
  const staffField = form.staffIds;
  const raw = { audience: form.audience === '1', staffIds: (Array.isArray(staffField) ? staffField : staffField ? [staffField] : []).filter((s): s is string => typeof s === 'string') };
  const parsed = v.safeParse(sendSchema, raw, { lang: c.get('locale') });
  const loaded = await loadSummaryHead(deps, id);
  if (!loaded) return c.notFound();
  const t = c.get('t');
  if (!parsed.success) return renderPage(c, loaded, { values: raw, error: parsed.issues[0].message }, 422);
  const result = await sendSummary(deps, c.get('staff'), id, parsed.output, { dispositions: loaded.figures.dispositions, total: loaded.figures.opinions.total });
  if (!result.ok) {
    if (result.error === 'not_found') return c.notFound();
    if (result.error === 'no_recipients') return renderPage(c, loaded, { values: raw, error: t('summaries.send.noRecipients') }, 422);
    return renderPage(c, loaded, { values: raw, flash: { text: t('summaries.send.notPublished'), kind: 'warning' } }, 409);
  }
  return c.redirect(`/rounds/${id}/summary?sent=${result.value.sent}&skipped=${result.value.skipped}`, 303);
});

const summaryQuerySchema = v.object({
  offset: v.optional(queryInteger(0, PAGE_OFFSET_MAX), '0'),
  limit: v.optional(queryInteger(0, PAGE_LIMIT_MAX)),
});

summaryRoutes.get('/api/v1/rounds/:id/summary', viewer, async (c) => {
  const query = validate(summaryQuerySchema, queryParams(c), c.get('locale'));
  if (!query.ok) return apiError(c, 400, 'invalid_input', 'error.invalid_input', query.fields);
  const deps = c.get('deps');
  const loaded = await loadSummaryHead(deps, c.req.param('id'));
  if (!loaded) return apiError(c, 404, 'not_found', 'summaries.error.not_found');
  const { record: _, ...summary } = loaded;
  const paging = { offset: query.value.offset, limit: query.value.limit ?? null };
  const opinions = await summaryOpinionPage(deps, summary.round.id, paging.offset, paging.limit ?? -1);
  return c.json(summaryJson(summary, opinions, paging));
});
