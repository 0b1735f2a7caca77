/** HTTP routes of dispositions: triage, one opinion's form, reply templates; the JSON API is mounted from api.ts. */
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { staffUsers } from '../../db/schema';
import type { AppEnv } from '../../env';
import type { FieldErrors } from '../../lib/result';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { keptRoundPage } from '../../ui/page-cache';
import { hasRole, requireRole } from '../auth/guard';
import { many, one, parseForm, type FormBody } from '../rounds/form-data';
import { loadRound, type RoundWithSections } from '../rounds/service';
import { describeChanges } from '../rounds/change-diffs';
import { opinionApiRoutes } from './api';
import { linkedChanges } from './change-links';
import { dispositionErrorFields } from './errors';
import { emptyDispositionValues, type DispositionFormValues } from './fields';
import { bulkDispositionSchema, dispositionChangeSchema, redactionSchema, templateSchema } from './schemas';
import { bulkSetDisposition, findOpinion, opinionHistoryOf, setDisposition, setRedaction } from './service';
import { createTemplate, deleteTemplate, listTemplates, replyWithTemplate, updateTemplate } from './templates';
import { filtersFrom, groupItems, loadTriagePage, triageItem } from './triage';
import { filterQuery, TriagePage } from './triage-view';
import { triageFlash } from './triage-flash';
import { OpinionPage, TemplatesPage, type TemplateFormValues } from './views';

export const opinionRoutes = new Hono<AppEnv>();
opinionRoutes.route('/', opinionApiRoutes);

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

function dispositionValues(form: FormBody): DispositionFormValues {
  return { disposition: one(form.disposition), templateId: one(form.templateId), reply: one(form.reply), assignee: one(form.assignee) };
}

type TriageState = { values?: DispositionFormValues; selected?: string[]; errors?: FieldErrors; flash?: string | null; status?: ContentfulStatusCode };

async function renderTriage(c: C, round: RoundWithSections, state: TriageState = {}) {
  const deps = c.get('deps');
  const query = c.req.query();
  const filters = filtersFrom(query);
  const grouped = query.group === '1';
  const view = await loadTriagePage(deps, round.id, filters, Number.parseInt(query.page ?? '0', 10) || 0);
  return c.html(
    <TriagePage
      page={pageContext(c)}
      round={round}
      sections={round.sections}
      filters={filters}
      grouped={grouped}
      view={view}
      units={grouped ? groupItems(view.items) : view.items.map((item) => [item])}
      pager={{ page: view.page, pages: view.pages }}
      templates={view.templates}
      canChange={hasRole(c.get('staff'), 'organizer')}
      values={state.values ?? emptyDispositionValues}
      selected={state.selected ?? []}
      errors={state.errors}
      flash={state.flash}
    />,
    (state.status ?? 200) as 200,
  );
}

opinionRoutes.get('/rounds/:id/triage', viewer, (c) =>
  keptRoundPage(c, c.req.param('id'), async () => {
    const round = await loadRound(c.get('deps'), c.req.param('id'));
    if (!round) return c.notFound();
    return renderTriage(c, round, { flash: triageFlash(c.get('t'), c.req.query()) });
  }),
);

/** One disposition for the ticked opinions, or for a whole group when its button was pressed; all or nothing. */
opinionRoutes.post('/rounds/:id/triage', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return c.notFound();
  const form = await parseForm(c);
  const values = dispositionValues(form);
  const group = one(form.groupIds).split(/\s+/).filter(Boolean);
  const opinionIds = group.length ? group : many(form.opinionIds);
  const reply = await replyWithTemplate(deps, round.id, values.reply, values.templateId);
  const input = validate(bulkDispositionSchema, { opinionIds, disposition: values.disposition, reply, assignee: values.assignee }, c.get('locale'));
  const result = input.ok ? await bulkSetDisposition(deps, c.get('staff'), round.id, input.value.opinionIds, input.value) : input;
  if (!result.ok) {
    const errors = result.error === 'invalid_input' ? result.fields! : dispositionErrorFields(c.get('t'), result.error === 'not_found' ? 'unknown_opinion' : result.error, input.ok ? input.value.disposition : 'pending');
    return renderTriage(c, round, { values, selected: opinionIds, errors, status: 422 });
  }
  const query = c.req.query();
  const filters = filtersFrom(query);
  const extra: Record<string, string> = { updated: String(result.value.updated), selected: String(new Set(opinionIds).size), to: values.disposition };
  if (query.page) extra.page = query.page;
  return c.redirect(`/rounds/${round.id}/triage${filterQuery(filters, query.group === '1', extra)}`, 303);
});

type OpinionState = { values?: DispositionFormValues; linked?: string[]; redactedValue?: string; errors?: FieldErrors; flash?: string | null; status?: ContentfulStatusCode };

async function renderOpinion(c: C, round: RoundWithSections, opinionId: string, state: OpinionState = {}) {
  const deps = c.get('deps');
  const opinion = await findOpinion(deps, opinionId);
  if (!opinion || opinion.roundId !== round.id) return c.notFound();
  const [item, history, templates, redactor, changes, links] = await Promise.all([
    triageItem(deps, round.id, opinion.id),
    opinionHistoryOf(deps, opinion.id),
    listTemplates(deps, round.id),
    opinion.redactedByStaffId ? deps.db.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, opinion.redactedByStaffId)).get() : undefined,
    describeChanges(deps, round),
    linkedChanges(deps, [opinion.id]),
  ]);
  const values = state.values ?? { disposition: opinion.disposition, templateId: '', reply: opinion.reply, assignee: opinion.assignee };
  return c.html(
    <OpinionPage
      page={pageContext(c)}
      round={round}
      item={item!}
      redaction={{ text: opinion.redactedText, by: redactor?.name ?? null, at: opinion.redactedAt }}
      history={history}
      templates={templates}
      canChange={hasRole(c.get('staff'), 'organizer')}
      values={values}
      redactedValue={state.redactedValue ?? opinion.redactedText ?? ''}
      changes={changes}
      linked={state.linked ?? links.get(opinion.id) ?? []}
      errors={state.errors}
      flash={state.flash}
    />,
    (state.status ?? 200) as 200,
  );
}

opinionRoutes.get('/rounds/:id/opinions/:opinionId', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return c.notFound();
  const done = c.req.query('done');
  const flash = done === 'saved' ? c.get('t')('opinions.edit.saved') : done === 'redacted' ? c.get('t')('opinions.edit.redactionSaved') : null;
  return renderOpinion(c, round, c.req.param('opinionId'), { flash });
});

opinionRoutes.post('/rounds/:id/opinions/:opinionId', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  const opinion = await findOpinion(deps, c.req.param('opinionId'));
  if (!round || !opinion || opinion.roundId !== round.id) return c.notFound();
  const form = await parseForm(c);
  const values = dispositionValues(form);
  // Ticks were offered only when the draft has changes; without them the links are left alone.
  const changes = one(form.changesShown) ? many(form.changes) : undefined;
  const reply = await replyWithTemplate(deps, round.id, values.reply, values.templateId);
  const input = validate(dispositionChangeSchema, { disposition: values.disposition, reply, assignee: values.assignee, changes }, c.get('locale'));
  const result = input.ok ? await setDisposition(deps, c.get('staff'), opinion.id, input.value) : input;
  if (!result.ok) {
    if (result.error === 'not_found') return c.notFound();
    const errors = result.error === 'invalid_input' ? result.fields! : dispositionErrorFields(c.get('t'), result.error, input.ok ? input.value.disposition : 'pending');
    return renderOpinion(c, round, opinion.id, { values, linked: changes, errors, status: 422 });
  }
  return c.redirect(`/rounds/${round.id}/opinions/${opinion.id}?done=saved`, 303);
});

opinionRoutes.post('/rounds/:id/opinions/:opinionId/redaction', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  const opinion = await findOpinion(deps, c.req.param('opinionId'));
  if (!round || !opinion || opinion.roundId !== round.id) return c.notFound();
  const redactedText = one((await parseForm(c)).redactedText);
  const input = validate(redactionSchema, { redactedText }, c.get('locale'));
  if (!input.ok) return renderOpinion(c, round, opinion.id, { redactedValue: redactedText, errors: input.fields, status: 422 });
  await setRedaction(deps, c.get('staff'), opinion.id, input.value.redactedText);
  return c.redirect(`/rounds/${round.id}/opinions/${opinion.id}?done=redacted`, 303);
});

const emptyTemplate: TemplateFormValues = { label: '', text: '', disposition: '', scope: 'round' };

async function renderTemplates(c: C, round: RoundWithSections, state: { values?: TemplateFormValues; errors?: FieldErrors; failedId?: string | null; flash?: string | null; status?: ContentfulStatusCode } = {}) {
  const templates = await listTemplates(c.get('deps'), round.id);
  return c.html(
    <TemplatesPage page={pageContext(c)} round={round} templates={templates} values={state.values ?? emptyTemplate} errors={state.errors} failedId={state.failedId} flash={state.flash} />,
    (state.status ?? 200) as 200,
  );
}

/** Template forms prefix their field names so that several forms on one page keep distinct ids. */
function templateValues(form: FormBody): TemplateFormValues {
  const prefix = one(form.prefix);
  const field = (name: string) => one(form[`${prefix}${name}`]);
  return { label: field('label'), text: field('text'), disposition: field('disposition'), scope: field('scope') || 'round' };
}

opinionRoutes.get('/rounds/:id/templates', organizer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return c.notFound();
  const done = c.req.query('done');
  const flash = done === 'saved' ? c.get('t')('opinions.templates.saved') : done === 'deleted' ? c.get('t')('opinions.templates.deleted') : null;
  return renderTemplates(c, round, { flash });
});

opinionRoutes.post('/rounds/:id/templates', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return c.notFound();
  const values = templateValues(await parseForm(c));
  const input = validate(templateSchema, values, c.get('locale'));
  if (!input.ok) return renderTemplates(c, round, { values, errors: input.fields, status: 422 });
  await createTemplate(deps, c.get('staff'), round.id, input.value);
  return c.redirect(`/rounds/${round.id}/templates?done=saved`, 303);
});

opinionRoutes.post('/rounds/:id/templates/:templateId', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return c.notFound();
  const values = templateValues(await parseForm(c));
  const input = validate(templateSchema, values, c.get('locale'));
  if (!input.ok) return renderTemplates(c, round, { values, errors: input.fields, failedId: c.req.param('templateId'), status: 422 });
  const updated = await updateTemplate(deps, c.get('staff'), round.id, c.req.param('templateId'), input.value);
  if (!updated.ok) return c.notFound();
  return c.redirect(`/rounds/${round.id}/templates?done=saved`, 303);
});

opinionRoutes.post('/rounds/:id/templates/:templateId/delete', organizer, async (c) => {
  const deps = c.get('deps');
  const round = await loadRound(deps, c.req.param('id'));
  if (!round) return c.notFound();
  const deleted = await deleteTemplate(deps, c.get('staff'), round.id, c.req.param('templateId'));
  if (!deleted.ok) return c.notFound();
  return c.redirect(`/rounds/${round.id}/templates?done=deleted`, 303);
});
