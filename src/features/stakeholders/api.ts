/** The stakeholder JSON API under /api/v1: list, read, create, patch, import, bulk change, erase. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env';
import { apiError, queryParams, readJsonObject } from '../../lib/http';
import type { FieldErrors } from '../../lib/result';
import { message, validate } from '../../lib/validation';
import { requireRole } from '../auth/guard';
import { applyImportPlan, planImport } from './import';
import { readUpload, uploadFailureMessage } from './import-http';
import { findStakeholder, listStakeholders, type StakeholderRecord } from './queries';
import { limitMessage, listQuerySchema, splitTags, stakeholderInputSchema, TAG_MAX } from './schemas';
import { eraseStakeholder } from './erasure';
import { BULK_ACTIONS, BULK_MAX_IDS, bulkUpdateStakeholders, createStakeholder, updateStakeholder, type EmailTaken } from './service';

export const stakeholderApiRoutes = new Hono<AppEnv>();

export function stakeholderJson(s: StakeholderRecord) {
  return {
    id: s.id,
    name: s.name,
    organization: s.organization,
    title: s.title,
    category: s.category,
    email: s.email,
    phone: s.phone,
    tags: s.tags,
    notes: s.notes,
    consent: s.consent,
    source: s.source,
    archived: s.archivedAt !== null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** An API error whose message carries parameters (limits), in the `{"error":{"code","message","fields"}}` shape. */
function apiErrorWithMessage(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, message: string, fields?: FieldErrors) {
  return c.json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);
}

function emailTaken(c: Context<AppEnv>, result: EmailTaken) {
  return apiError(c, 422, 'email_taken', 'error.invalid_input', { email: c.get('t')('stakeholders.email.taken', { name: result.clash.name }) });
}

async function liveStakeholder(c: Context<AppEnv>) {
  const stakeholder = await findStakeholder(c.get('deps'), c.req.param('id') ?? '');
  return stakeholder && !stakeholder.erasedAt ? stakeholder : null;
}

stakeholderApiRoutes.get('/api/v1/stakeholders', requireRole('viewer'), async (c) => {
  const filters = validate(listQuerySchema, queryParams(c), c.get('locale'));
  if (!filters.ok) return apiError(c, 400, 'invalid_input', 'error.invalid_input', filters.fields);
  const page = await listStakeholders(c.get('deps'), filters.value);
  return c.json({ items: page.items.map(stakeholderJson), nextCursor: page.nextCursor });
});

stakeholderApiRoutes.post('/api/v1/stakeholders/import', requireRole('organizer'), async (c) => {
  const upload = await readUpload(c);
  if (!upload.ok) {
    if (upload.error === 'too_large') return apiErrorWithMessage(c, 413, 'file_too_large', uploadFailureMessage(c, 'too_large'));
    const message = uploadFailureMessage(c, upload.error);
    return apiErrorWithMessage(c, 422, 'invalid_input', message, { file: message });
  }
  const deps = c.get('deps');
  const plan = await planImport(deps, upload.value.bytes, c.get('locale'));
  if (!plan.ok) {
    const message = uploadFailureMessage(c, plan.error, plan.missing);
    if (plan.error === 'too_large') return apiErrorWithMessage(c, 413, 'file_too_large', message);
    return apiErrorWithMessage(c, 422, plan.error, message, { file: message });
  }
  const dryRun = ['1', 'true', 'yes'].includes(String(upload.value.form.dryRun ?? c.req.query('dryRun') ?? ''));
  if (!dryRun) {
    const applied = await applyImportPlan(deps, c.get('staff'), plan.value);
    if (!applied.ok) return apiError(c, 409, 'conflict', 'stakeholders.import.conflict');
  }
  const { created, updated, unchanged } = plan.value.counts;
  return c.json({ created, updated, unchanged, errors: plan.value.errors });
});

stakeholderApiRoutes.get('/api/v1/stakeholders/:id', requireRole('viewer'), async (c) => {
  const stakeholder = await liveStakeholder(c);
  if (!stakeholder) return apiError(c, 404, 'not_found', 'error.not_found');
  return c.json(stakeholderJson(stakeholder));
});

stakeholderApiRoutes.post('/api/v1/stakeholders', requireRole('organizer'), async (c) => {
  const body = await readJsonObject(c);
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const parsed = validate(stakeholderInputSchema, body, c.get('locale'));
  if (!parsed.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', parsed.fields);
  const deps = c.get('deps');
  const result = await createStakeholder(deps, c.get('staff'), parsed.value);
  if (!result.ok) return emailTaken(c, result as EmailTaken);
  const created = await findStakeholder(deps, result.value.id);
  return c.json(stakeholderJson(created!), 201, { location: `/api/v1/stakeholders/${result.value.id}` });
});

/** PATCH: the fields sent replace the stored ones; the rest are kept. */
stakeholderApiRoutes.patch('/api/v1/stakeholders/:id', requireRole('organizer'), async (c) => {
  const existing = await liveStakeholder(c);
  if (!existing) return apiError(c, 404, 'not_found', 'error.not_found');
  const body = await readJsonObject(c);
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const parsed = validate(stakeholderInputSchema, { ...stakeholderJson(existing), ...body }, c.get('locale'));
  if (!parsed.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', parsed.fields);
  const deps = c.get('deps');
  const result = await updateStakeholder(deps, c.get('staff'), existing.id, parsed.value);
  if (!result.ok && result.error === 'not_found') return apiError(c, 404, 'not_found', 'error.not_found');
  if (!result.ok) return emailTaken(c, result as EmailTaken);
  return c.json(stakeholderJson((await findStakeholder(deps, existing.id))!));
});

const idsMessage = limitMessage('stakeholders.bulk.idsRange', BULK_MAX_IDS);
const needsTag = (input: { action: string }) => input.action === 'tag' || input.action === 'untag';

/** Bulk body: 1..BULK_MAX_IDS ids, an action, and exactly one tag for tag/untag (the page's rules, stated as errors). */
export const bulkBodySchema = v.pipe(
  v.object({
    ids: v.pipe(v.array(v.string(idsMessage), idsMessage), v.minLength(1, idsMessage), v.maxLength(BULK_MAX_IDS, idsMessage)),
    action: v.picklist(BULK_ACTIONS, message('validation.invalidChoice')),
    tag: v.pipe(v.optional(v.string(message('validation.required')), ''), v.transform((tag) => splitTags(tag))),
  }),
  v.forward(v.partialCheck([['action'], ['tag']], (i) => !needsTag(i) || i.tag.length > 0, message('stakeholders.bulk.tagRequired')), ['tag']),
  v.forward(v.partialCheck([['action'], ['tag']], (i) => !needsTag(i) || i.tag.length <= 1, message('stakeholders.bulk.oneTag')), ['tag']),
  v.forward(v.partialCheck([['action'], ['tag']], (i) => !needsTag(i) || (i.tag[0] ?? '').length <= TAG_MAX, limitMessage('stakeholders.tags.tooLong', TAG_MAX)), ['tag']),
);

/** Tag, untag, archive or unarchive many stakeholders; unknown and erased ids are skipped, `updated` counts the rest. */
stakeholderApiRoutes.post('/api/v1/stakeholders/bulk', requireRole('organizer'), async (c) => {
  const body = await readJsonObject(c);
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const parsed = validate(bulkBodySchema, body, c.get('locale'));
  if (!parsed.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', parsed.fields);
  const { ids, action, tag } = parsed.value;
  const result = await bulkUpdateStakeholders(c.get('deps'), c.get('staff'), { ids, action, tag: needsTag({ action }) ? tag[0]! : '' });
  return c.json({ updated: result.ok ? result.value.count : 0 });
});

/** Erases personal data for good (idempotent); the stakeholder then reads as 404. */
stakeholderApiRoutes.post('/api/v1/stakeholders/:id/erase', requireRole('organizer'), async (c) => {
  const result = await eraseStakeholder(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!result.ok) return apiError(c, 404, 'not_found', 'error.not_found');
  return c.json({ erased: true });
});
