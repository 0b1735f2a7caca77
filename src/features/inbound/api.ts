/** The inbound JSON API: read a filled 意见反馈表 into a pending item, list inbound items, confirm one. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { INBOUND_STATUSES, type InboundStatus } from '../../db/schema';
import { apiError, readJsonObject } from '../../lib/http';
import { validate } from '../../lib/validation';
import { inboundSearchSchema } from './search';
import { feedbackFormSettingSchema, setFeedbackFormAttachment } from './form-setting';
import type { MessageKey } from '../../i18n/catalog';
import { requireRole } from '../auth/guard';
import { cleanFilename } from '../feedback/attachments';
import { FORM_MAX_MB } from './form-file';
import { importFilledForm, itemJson, type ImportError } from './import-form';
import { confirmItem, listItems, OPEN_STATUSES, type ConfirmError } from './items';

export const inboundApiRoutes = new Hono<AppEnv>();

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');

/** Each expected failure once: its status and its message. */
const ERRORS: Record<ImportError | ConfirmError | 'file_required' | 'round_closed', { status: 404 | 409 | 422; key: MessageKey }> = {
  not_found: { status: 404, key: 'error.not_found' },
  round_not_open: { status: 409, key: 'inbound.import.error.round_not_open' },
  not_a_form: { status: 422, key: 'inbound.import.error.not_a_form' },
  unknown_invitation: { status: 422, key: 'inbound.import.error.unknown_invitation' },
  other_round: { status: 422, key: 'inbound.import.error.other_round' },
  empty: { status: 422, key: 'inbound.import.error.empty' },
  file_required: { status: 422, key: 'inbound.import.error.file_required' },
  not_pending: { status: 409, key: 'inbound.confirm.error.not_pending' },
  round_closed: { status: 409, key: 'inbound.setting.error.round_closed' },
};

export function inboundFailure(c: Context<AppEnv>, code: keyof typeof ERRORS) {
  const { status, key } = ERRORS[code];
  const fields = status === 422 ? { file: c.get('t')(key, { max: FORM_MAX_MB }) } : undefined;
  return apiError(c, status, code, key, fields, { max: FORM_MAX_MB });
}

/** The uploaded file of a multipart body's `file` field, or null. */
export async function uploadedFile(c: Context<AppEnv>): Promise<File | null> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const file = body.file;
  return file instanceof File && file.size > 0 ? file : null;
}

inboundApiRoutes.post('/api/v1/rounds/:id/responses/import', organizer, async (c) => {
  const deps = c.get('deps');
  const file = await uploadedFile(c);
  if (!file) return inboundFailure(c, 'file_required');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const imported = await importFilledForm(deps, c.get('staff'), c.req.param('id'), { bytes, filename: cleanFilename(file.name), contentType: file.type }, c.env.ATTACHMENTS);
  if (!imported.ok) return inboundFailure(c, imported.error);
  return c.json(itemJson(imported.value), 201);
});

inboundApiRoutes.get('/api/v1/inbound', viewer, async (c) => {
  const asked = c.req.query('status');
  const statuses: InboundStatus[] = asked && (INBOUND_STATUSES as readonly string[]).includes(asked) ? [asked as InboundStatus] : OPEN_STATUSES;
  const search = validate(inboundSearchSchema, { q: c.req.query('q') ?? '' }, c.get('locale'));
  if (!search.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', search.fields);
  const items = await listItems(c.get('deps'), { roundId: c.req.query('roundId') || undefined, statuses, q: search.value.q || undefined });
  return c.json({ items: items.map(itemJson) });
});

inboundApiRoutes.post('/api/v1/inbound/:id/confirm', organizer, async (c) => {
  const confirmed = await confirmItem(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!confirmed.ok) return inboundFailure(c, confirmed.error);
  return c.json({ id: c.req.param('id'), status: 'confirmed', opinionIds: confirmed.value.opinionIds });
});

/** 随邀请附上意见反馈表: `{"attach": "none" | "docx" | "xlsx" | "both"}`. */
inboundApiRoutes.put('/api/v1/rounds/:id/feedback-form', organizer, async (c) => {
  const body = await readJsonObject(c);
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const input = validate(feedbackFormSettingSchema, body, c.get('locale'));
  if (!input.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', input.fields);
  const saved = await setFeedbackFormAttachment(c.get('deps'), c.get('staff'), c.req.param('id'), input.value.attach);
  if (!saved.ok) return inboundFailure(c, saved.error);
  return c.json({ roundId: c.req.param('id'), attach: input.value.attach });
});
