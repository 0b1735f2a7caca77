/** The rounds JSON API for organizers' scripts: `/api/v1/rounds…` (session cookie or Bearer token). */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../env';
import { apiError, readJsonObject } from '../../lib/http';
import type { FieldErrors } from '../../lib/result';
import { validate } from '../../lib/validation';
import { requireRole } from '../auth/guard';
import { figuresOf } from '../summaries/figures-cache';
import { figuresJson } from '../summaries/json';
import { listInvitees, listOpinions, opinionJson } from './board';
import { describeError, errorInfo } from './errors';
import { reissueInvitation, revokeInvitation, sendInvitations } from './invitations';
import { logOfflineOpinion } from './offline';
import { sendManualReminders } from './reminders';
import { apiRoundSchema, offlineOpinionSchema, openRoundSchema, reminderSchema, reviseDraftSchema } from './schemas';
import { closeRound, createRound, listRounds, loadRound, openRound, roundJson } from './service';
import { scheduleRound } from './schedule';
import { diffVersions, listVersions, reviseDraft, type Version } from './versions';

export const roundApiRoutes = new Hono<AppEnv>();

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');

/** The shared error body, with the message's parameters filled in (limits, days). */
function failure(c: Context<AppEnv>, code: string, fields?: FieldErrors) {
  const described = describeError(c.get('t'), code, fields);
  const status = fields ? 422 : errorInfo(code).status;
  return c.json({ error: { code: fields ? 'invalid_input' : code, message: described.message, ...(described.fields ? { fields: described.fields } : {}) } }, status);
}

async function parse<S extends v.GenericSchema>(c: Context<AppEnv>, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
  // An empty body counts as `{}` (POST …/open needs nothing unless the period is short).
  const body = await readJsonObject(c, { emptyIsObject: true });
  if (!body) return { ok: false, response: apiError(c, 400, 'invalid_json', 'error.invalid_json') };
  const input = validate(schema, body, c.get('locale'));
  if (!input.ok) return { ok: false, response: failure(c, 'invalid_input', input.fields) };
  return { ok: true, value: input.value };
}

async function roundResponse(c: Context<AppEnv>, id: string, status: 200 | 201 = 200) {
  const round = await loadRound(c.get('deps'), id);
  if (!round) return failure(c, 'not_found');
  return c.json(roundJson(round), status);
}

roundApiRoutes.get('/api/v1/rounds', viewer, async (c) => {
  const rows = await listRounds(c.get('deps'));
  return c.json({
    items: rows.map(({ round, counts }) => ({
      id: round.id,
      title: round.title,
      status: round.status,
      opensAt: round.opensAt.toISOString(),
      closesAt: round.closesAt.toISOString(),
      ...counts,
    })),
  });
});

roundApiRoutes.post('/api/v1/rounds', organizer, async (c) => {
  const input = await parse(c, apiRoundSchema);
  if (!input.ok) return input.response;
  const created = await createRound(c.get('deps'), c.get('staff'), input.value);
  if (!created.ok) return failure(c, created.error);
  return roundResponse(c, created.value.id, 201);
});

roundApiRoutes.get('/api/v1/rounds/:id', viewer, (c) => roundResponse(c, c.req.param('id')));

roundApiRoutes.post('/api/v1/rounds/:id/open', organizer, async (c) => {
  const input = await parse(c, openRoundSchema);
  if (!input.ok) return input.response;
  const opened = await openRound(c.get('deps'), c.get('staff'), c.req.param('id'), input.value.shortPeriodReason);
  if (!opened.ok) return failure(c, opened.error);
  return roundResponse(c, c.req.param('id'));
});

roundApiRoutes.post('/api/v1/rounds/:id/schedule', organizer, async (c) => {
  const input = await parse(c, openRoundSchema);
  if (!input.ok) return input.response;
  const scheduled = await scheduleRound(c.get('deps'), c.get('staff'), c.req.param('id'), input.value.shortPeriodReason);
  if (!scheduled.ok) return failure(c, scheduled.error);
  return roundResponse(c, c.req.param('id'));
});

roundApiRoutes.post('/api/v1/rounds/:id/close', organizer, async (c) => {
  const closed = await closeRound(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!closed.ok) return failure(c, closed.error);
  return roundResponse(c, c.req.param('id'));
});

roundApiRoutes.post('/api/v1/rounds/:id/invitations', organizer, async (c) => {
  const sent = await sendInvitations(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!sent.ok) return failure(c, sent.error);
  return c.json(sent.value);
});

roundApiRoutes.get('/api/v1/rounds/:id/invitations', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return failure(c, 'not_found');
  const items = await listInvitees(c.get('deps'), round.id);
  return c.json({
    items: items.map((i) => ({
      ...i,
      name: i.erased ? '' : i.name,
      organization: i.erased ? '' : i.organization,
      invitedAt: i.invitedAt.toISOString(),
      lastActivityAt: i.lastActivityAt.toISOString(),
    })),
  });
});

roundApiRoutes.post('/api/v1/rounds/:id/invitations/:invitationId/revoke', organizer, async (c) => {
  const revoked = await revokeInvitation(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('invitationId'));
  if (!revoked.ok) return failure(c, revoked.error);
  return c.json({ ok: true });
});

roundApiRoutes.post('/api/v1/rounds/:id/invitations/:invitationId/reissue', organizer, async (c) => {
  const reissued = await reissueInvitation(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('invitationId'));
  if (!reissued.ok) return failure(c, reissued.error);
  return c.json({ ok: true });
});

roundApiRoutes.post('/api/v1/rounds/:id/reminders', organizer, async (c) => {
  const input = await parse(c, reminderSchema);
  if (!input.ok) return input.response;
  const sent = await sendManualReminders(c.get('deps'), c.get('staff'), c.req.param('id'), input.value.invitationIds);
  if (!sent.ok) return failure(c, sent.error);
  return c.json(sent.value);
});

roundApiRoutes.get('/api/v1/rounds/:id/stats', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return failure(c, 'not_found');
  return c.json(figuresJson(await figuresOf(c.get('deps'), round.id)));
});

roundApiRoutes.get('/api/v1/rounds/:id/opinions', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return failure(c, 'not_found');
  return c.json({ items: (await listOpinions(c.get('deps'), round.id)).map(opinionJson) });
});

roundApiRoutes.post('/api/v1/rounds/:id/opinions', organizer, async (c) => {
  const input = await parse(c, offlineOpinionSchema);
  if (!input.ok) return input.response;
  const deps = c.get('deps');
  const logged = await logOfflineOpinion(deps, c.get('staff'), c.req.param('id'), input.value);
  if (!logged.ok) return failure(c, logged.error);
  const [item] = await listOpinions(deps, c.req.param('id'), { id: logged.value.id });
  return c.json(opinionJson(item!), 201);
});

/** A version's units as the round's JSON gives its sections (ids that carry over, parents by id). */
function versionJson(version: Version) {
  const idByKey = new Map(version.sections.map((s) => [s.key, s.id]));
  return {
    number: version.number,
    title: version.title,
    createdAt: version.createdAt.toISOString(),
    sections: version.sections.map((s) => ({ id: s.id, key: s.key, number: s.number, label: s.number, heading: s.heading, body: s.body, depth: s.depth, position: s.position, parentId: s.parentKey ? (idByKey.get(s.parentKey) ?? null) : null })),
  };
}

roundApiRoutes.post('/api/v1/rounds/:id/versions', organizer, async (c) => {
  const input = await parse(c, reviseDraftSchema);
  if (!input.ok) return input.response;
  const revised = await reviseDraft(c.get('deps'), c.get('staff'), c.req.param('id'), input.value);
  if (!revised.ok) return failure(c, revised.error);
  const { version, changes } = revised.value;
  return c.json(
    {
      version: versionJson(version),
      changes: changes.map((ch) => ({ id: ch.id, kind: ch.kind, versionNumber: ch.versionNumber, beforeSectionId: ch.beforeSectionId, afterSectionId: ch.afterSectionId, label: version.sections.find((s) => s.id === ch.afterSectionId)?.number ?? null })),
    },
    201,
  );
});

roundApiRoutes.get('/api/v1/rounds/:id/versions', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return failure(c, 'not_found');
  const items = await listVersions(c.get('deps'), round);
  return c.json({ items: items.map((v) => ({ number: v.number, title: v.title, createdAt: v.createdAt.toISOString() })) });
});

roundApiRoutes.get('/api/v1/rounds/:id/versions/:a/diff/:b', viewer, async (c) => {
  const round = await loadRound(c.get('deps'), c.req.param('id'));
  if (!round) return failure(c, 'not_found');
  const [a, b] = [Number(c.req.param('a')), Number(c.req.param('b'))];
  if (!Number.isInteger(a) || !Number.isInteger(b)) return failure(c, 'version_not_found');
  const diff = await diffVersions(c.get('deps'), round, a, b);
  if (!diff.ok) return failure(c, diff.error);
  return c.json({ sections: diff.value.map(({ key, label, heading, change, before, after, changeId, sectionId }) => ({ key, sectionId, label, heading, change, before, after, changeId })) });
});
