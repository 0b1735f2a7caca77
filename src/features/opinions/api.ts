/** The dispositions JSON API: set one opinion's disposition, set many at once, read an opinion's history. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../env';
import { apiError, readJsonObject } from '../../lib/http';
import { validate } from '../../lib/validation';
import { requireRole } from '../auth/guard';
import { findRound } from '../rounds/service';
import { linkedChanges } from './change-links';
import { dispositionErrorFields } from './errors';
import { bulkDispositionSchema, dispositionChangeSchema } from './schemas';
import { bulkSetDisposition, findOpinion, opinionHistoryOf, setDisposition, type OpinionRow } from './service';

export const opinionApiRoutes = new Hono<AppEnv>();

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

async function parse<S extends v.GenericSchema>(c: C, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
  const body = await readJsonObject(c);
  if (!body) return { ok: false, response: apiError(c, 400, 'invalid_json', 'error.invalid_json') };
  const input = validate(schema, body, c.get('locale'));
  if (!input.ok) return { ok: false, response: apiError(c, 422, 'invalid_input', 'error.invalid_input', input.fields) };
  return { ok: true, value: input.value };
}

export function dispositionJson(o: OpinionRow) {
  return {
    id: o.id,
    roundId: o.roundId,
    sectionId: o.sectionId,
    disposition: o.disposition,
    reply: o.reply,
    assignee: o.assignee,
    dispositionByStaffId: o.dispositionByStaffId,
    dispositionAt: o.dispositionAt?.toISOString() ?? null,
    redacted: o.redactedText !== null,
  };
}

opinionApiRoutes.patch('/api/v1/opinions/:id', organizer, async (c) => {
  const input = await parse(c, dispositionChangeSchema);
  if (!input.ok) return input.response;
  const deps = c.get('deps');
  const result = await setDisposition(deps, c.get('staff'), c.req.param('id'), input.value);
  if (!result.ok) {
    if (result.error === 'not_found') return apiError(c, 404, 'not_found', 'opinions.error.notFound');
    return apiError(c, 422, result.error, 'error.invalid_input', dispositionErrorFields(c.get('t'), result.error, input.value.disposition));
  }
  const links = await linkedChanges(deps, [result.value.id]);
  return c.json({ ...dispositionJson((await findOpinion(deps, result.value.id))!), changes: links.get(result.value.id) ?? [] });
});

opinionApiRoutes.post('/api/v1/rounds/:id/opinions/bulk-disposition', organizer, async (c) => {
  const input = await parse(c, bulkDispositionSchema);
  if (!input.ok) return input.response;
  const deps = c.get('deps');
  if (!(await findRound(deps, c.req.param('id')))) return apiError(c, 404, 'not_found', 'error.not_found');
  const { opinionIds, ...change } = input.value;
  const result = await bulkSetDisposition(deps, c.get('staff'), c.req.param('id'), opinionIds, change);
  if (!result.ok) {
    const error = result.error === 'not_found' ? 'unknown_opinion' : result.error;
    return apiError(c, 422, error, 'error.invalid_input', dispositionErrorFields(c.get('t'), error, change.disposition));
  }
  return c.json(result.value);
});

opinionApiRoutes.get('/api/v1/opinions/:id/history', viewer, async (c) => {
  const deps = c.get('deps');
  const opinion = await findOpinion(deps, c.req.param('id'));
  if (!opinion) return apiError(c, 404, 'not_found', 'opinions.error.notFound');
  const items = await opinionHistoryOf(deps, opinion.id);
  return c.json({ items: items.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })) });
});
