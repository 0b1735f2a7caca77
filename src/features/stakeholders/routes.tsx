/** HTTP routes of the stakeholders feature: pages here, the JSON API in api.ts, the import pages in import-routes.tsx. */
import { stakeholderLetterRounds } from '../summaries/letters';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { queryParams, safeRedirectPath } from '../../lib/http';
import { validate } from '../../lib/validation';
import { hasRole, requireRole } from '../auth/guard';
import { csvResponseHeaders } from '../../lib/csv';
import { renderErrorPage } from '../../ui/error-page';
import { pageContext } from '../../ui/page';
import { keptDirectoryPage } from '../../ui/page-cache';
import { stakeholderApiRoutes } from './api';
import { exportFilenames, stakeholdersCsv } from './export';
import { importRoutes } from './import-routes';
import { erasureRoutes } from './erasure-routes';
import { openErasureRequest, openErasureRequestsQuery } from './erasure-requests';
import { ERASURE_REQUESTS_PATH } from './erasure-views';
import { findStakeholder, stakeholderHistory, stakeholderListQuery, toStakeholderPage, type StakeholderRecord } from './queries';
import { inputFromForm, listFiltersFrom, splitTags, stakeholderInputSchema, TAG_MAX } from './schemas';
import { eraseStakeholder, opinionCountOf } from './erasure';
import { isConfirmed } from '../../ui/confirm-page';
import { BULK_ACTIONS, bulkUpdateStakeholders, createStakeholder, updateStakeholder, type BulkAction, type EmailTaken } from './service';
import { DetailPage, EraseConfirmPage, formValuesOf, ListPage, StakeholderFormPage, type FormValues } from './views';

export const stakeholderRoutes = new Hono<AppEnv>();

stakeholderRoutes.route('/', stakeholderApiRoutes);
stakeholderRoutes.route('/', importRoutes);
stakeholderRoutes.route('/', erasureRoutes);

const NOTICES = { created: 'stakeholders.notice.created', updated: 'stakeholders.notice.updated', erased: 'stakeholders.notice.erased' } as const;
const BULK_ERRORS = { none: 'stakeholders.bulk.noneSelected', tag: 'stakeholders.bulk.tagRequired', tagTooLong: 'stakeholders.tags.tooLong' } as const;

function noticeOf(c: Context<AppEnv>): string | undefined {
  const notice = c.req.query('notice');
  if (notice === 'bulk') return c.get('t')('stakeholders.notice.bulk', { count: Number(c.req.query('count') ?? 0) });
  return notice && notice in NOTICES ? c.get('t')(NOTICES[notice as keyof typeof NOTICES]) : undefined;
}

const actorOf = (c: Context<AppEnv>) => c.get('staff');

function emailTakenFields(c: Context<AppEnv>, result: EmailTaken) {
  return { email: c.get('t')('stakeholders.email.taken', { name: result.clash.name }) };
}

stakeholderRoutes.get('/stakeholders', requireRole('viewer'), (c) =>
  keptDirectoryPage(c, async () => {
    const deps = c.get('deps');
    const filters = listFiltersFrom(queryParams(c));
    // One round trip: the page of stakeholders (their tags included) and the open erasure requests.
    const [rows, erasureRequests] = await deps.db.batch([stakeholderListQuery(deps, filters), openErasureRequestsQuery(deps)]);
    const result = toStakeholderPage(rows);
    const bulkError = c.req.query('error');
    const error = bulkError && bulkError in BULK_ERRORS ? c.get('t')(BULK_ERRORS[bulkError as keyof typeof BULK_ERRORS], { max: TAG_MAX }) : undefined;
    const canChange = hasRole(c.get('staff'), 'organizer');
    return c.html(<ListPage page={pageContext(c)} filters={filters} result={result} canChange={canChange} notice={noticeOf(c)} error={error} erasureRequests={erasureRequests} />);
  }),
);

stakeholderRoutes.get('/stakeholders/export.csv', requireRole('viewer'), async (c) => {
  const deps = c.get('deps');
  const csv = await stakeholdersCsv(deps, listFiltersFrom(queryParams(c)));
  const { filename, asciiFallback } = exportFilenames(deps.clock());
  return c.body(csv, 200, csvResponseHeaders(filename, asciiFallback));
});

const emptyForm: FormValues = { name: '', organization: '', title: '', category: '', email: '', phone: '', tags: '', notes: '', consent: true };

function formValuesFrom(input: Record<string, unknown>): FormValues {
  const s = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : '');
  return { ...emptyForm, name: s('name'), organization: s('organization'), title: s('title'), category: s('category'), email: s('email'), phone: s('phone'), tags: s('tags'), notes: s('notes'), consent: input.consent === true };
}

stakeholderRoutes.get('/stakeholders/new', requireRole('organizer'), (c) => c.html(<StakeholderFormPage page={pageContext(c)} values={emptyForm} />));

stakeholderRoutes.post('/stakeholders', requireRole('organizer'), async (c) => {
  const raw = inputFromForm(await c.req.parseBody());
  const values = formValuesFrom(raw);
  const parsed = validate(stakeholderInputSchema, raw, c.get('locale'));
  if (!parsed.ok) return c.html(<StakeholderFormPage page={pageContext(c)} values={values} errors={parsed.fields} />, 422);
  const result = await createStakeholder(c.get('deps'), actorOf(c), parsed.value);
  if (!result.ok) return c.html(<StakeholderFormPage page={pageContext(c)} values={values} errors={emailTakenFields(c, result as EmailTaken)} />, 422);
  return c.redirect(`/stakeholders/${result.value.id}?notice=created`, 303);
});

stakeholderRoutes.post('/stakeholders/bulk', requireRole('organizer'), async (c) => {
  const form = await c.req.parseBody({ all: true });
  const ids = ([] as unknown[]).concat(form.ids ?? []).filter((id): id is string => typeof id === 'string');
  const action = BULK_ACTIONS.find((a) => a === form.action) as BulkAction | undefined;
  const tag = splitTags(typeof form.tag === 'string' ? form.tag : '')[0] ?? '';
  const back = new URL(safeRedirectPath(typeof form.back === 'string' ? form.back : '', '/stakeholders'), 'https://x');
  ['notice', 'count', 'error'].forEach((key) => back.searchParams.delete(key));
  const redirectWith = (params: Record<string, string>) => {
    for (const [key, value] of Object.entries(params)) back.searchParams.set(key, value);
    return c.redirect(back.pathname + back.search, 303);
  };
  if (ids.length === 0 || !action) return redirectWith({ error: 'none' });
  const tagged = action === 'tag' || action === 'untag';
  if (tagged && !tag) return redirectWith({ error: 'tag' });
  if (tagged && tag.length > TAG_MAX) return redirectWith({ error: 'tagTooLong' });
  const result = await bulkUpdateStakeholders(c.get('deps'), actorOf(c), { ids, action, tag: tagged ? tag : '' });
  if (action === 'archive') back.searchParams.delete('cursor');
  return redirectWith({ notice: 'bulk', count: String(result.ok ? result.value.count : 0) });
});

const loadStakeholder = (c: Context<AppEnv>) => findStakeholder(c.get('deps'), c.req.param('id') ?? '');

const notFound = (c: Context<AppEnv>) => c.html(renderErrorPage(c, 'error.not_found.title', 'error.not_found'), 404);

stakeholderRoutes.get('/stakeholders/:id', requireRole('viewer'), async (c) => {
  const stakeholder = await loadStakeholder(c);
  if (!stakeholder) return notFound(c);
  const deps = c.get('deps');
  const [history, erasureRequest, letterRounds] = await Promise.all([
    stakeholderHistory(deps, stakeholder.id),
    openErasureRequest(deps, stakeholder.id),
    stakeholderLetterRounds(deps, stakeholder.id),
  ]);
  const canChange = hasRole(c.get('staff'), 'organizer');
  return c.html(
    <DetailPage page={pageContext(c)} stakeholder={stakeholder} history={history} canChange={canChange} notice={noticeOf(c)} erasureRequest={erasureRequest} letterRounds={letterRounds} />,
  );
});

stakeholderRoutes.get('/stakeholders/:id/edit', requireRole('organizer'), async (c) => {
  const stakeholder = await loadStakeholder(c);
  if (!stakeholder || stakeholder.erasedAt) return notFound(c);
  return c.html(<StakeholderFormPage page={pageContext(c)} values={formValuesOf(stakeholder)} id={stakeholder.id} />);
});

stakeholderRoutes.post('/stakeholders/:id', requireRole('organizer'), async (c) => {
  const id = c.req.param('id');
  const raw = inputFromForm(await c.req.parseBody());
  const values = formValuesFrom(raw);
  const parsed = validate(stakeholderInputSchema, raw, c.get('locale'));
  if (!parsed.ok) return c.html(<StakeholderFormPage page={pageContext(c)} values={values} errors={parsed.fields} id={id} />, 422);
  const result = await updateStakeholder(c.get('deps'), actorOf(c), id, parsed.value);
  if (!result.ok && result.error === 'not_found') return notFound(c);
  if (!result.ok) return c.html(<StakeholderFormPage page={pageContext(c)} values={values} errors={emailTakenFields(c, result as EmailTaken)} id={id} />, 422);
  return c.redirect(`/stakeholders/${id}?notice=updated`, 303);
});

async function renderEraseConfirm(c: Context<AppEnv>, stakeholder: StakeholderRecord, back?: string) {
  const deps = c.get('deps');
  const [erasureRequest, opinions] = await Promise.all([openErasureRequest(deps, stakeholder.id), opinionCountOf(deps, stakeholder.id)]);
  return c.html(<EraseConfirmPage page={pageContext(c)} stakeholder={stakeholder} erasureRequest={erasureRequest} opinions={opinions} back={back} />);
}

stakeholderRoutes.get('/stakeholders/:id/erase', requireRole('organizer'), async (c) => {
  const stakeholder = await loadStakeholder(c);
  if (!stakeholder || stakeholder.erasedAt) return notFound(c);
  return renderEraseConfirm(c, stakeholder);
});

/** Erasing cannot be undone: a post without the confirmation page's `confirm=1` shows that page first. */
stakeholderRoutes.post('/stakeholders/:id/erase', requireRole('organizer'), async (c) => {
  const form = await c.req.parseBody();
  // The requests page's button comes back to the list it was pressed in.
  const back = form.back === ERASURE_REQUESTS_PATH ? ERASURE_REQUESTS_PATH : undefined;
  if (!isConfirmed(form)) {
    const stakeholder = await loadStakeholder(c);
    if (!stakeholder || stakeholder.erasedAt) return notFound(c);
    return renderEraseConfirm(c, stakeholder, back);
  }
  const result = await eraseStakeholder(c.get('deps'), actorOf(c), c.req.param('id'));
  if (!result.ok) return notFound(c);
  if (back) return c.redirect(`${ERASURE_REQUESTS_PATH}?notice=completed`, 303);
  return c.redirect(`/stakeholders/${result.value.id}?notice=erased`, 303);
});
