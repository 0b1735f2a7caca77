/** The meetings JSON API: `/api/v1/meetings…` for staff (session or Bearer token), `/api/v1/rsvp/:token` for invitees. */
import { asc, desc, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { meetingAttendees, meetings } from '../../db/schema';
import type { AppEnv } from '../../env';
import { apiError, readJsonObject } from '../../lib/http';
import { limitPerLink, RSVP_LINK_LIMIT } from '../../lib/public-form-limit';
import type { FieldErrors } from '../../lib/result';
import { validate } from '../../lib/validation';
import { requireRole } from '../auth/guard';
import { capabilityHeaders } from '../feedback/request';
import { checkIn } from './check-in';
import { describeError, errorInfo } from './errors';
import { inviteToMeeting } from './invitations';
import { reissueRsvpLink, revokeRsvpLink } from './links';
import { isSeated } from './mail';
import { answerRsvp, findRsvpLink, type AttendeeRow } from './rsvp';
import { checkInSchema, createMeetingSchema, invitationSchema, rsvpSchema, updateMeetingSchema } from './schemas';
import { cancelMeeting, createMeeting, findMeeting, meetingCounts, meetingJson, updateMeeting } from './service';

export const meetingApiRoutes = new Hono<AppEnv>();

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

function failure(c: C, code: string, fields?: FieldErrors) {
  const described = describeError(c.get('t'), code, fields);
  const status = fields ? 422 : errorInfo(code).status;
  return c.json({ error: { code: fields ? 'invalid_input' : code, message: described.message, ...(described.fields ? { fields: described.fields } : {}) } }, status);
}

async function parse<S extends v.GenericSchema>(c: C, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
  const body = await readJsonObject(c, { emptyIsObject: true });
  if (!body) return { ok: false, response: apiError(c, 400, 'invalid_json', 'error.invalid_json') };
  const input = validate(schema, body, c.get('locale'));
  if (!input.ok) return { ok: false, response: failure(c, 'invalid_input', input.fields) };
  return { ok: true, value: input.value };
}

export function attendeeJson(a: AttendeeRow) {
  return {
    id: a.id,
    stakeholderId: a.stakeholderId,
    name: a.name,
    organization: a.organization,
    rsvp: a.rsvp,
    note: a.note,
    deputy: a.deputyName ? { name: a.deputyName, title: a.deputyTitle } : null,
    waitlistedAt: a.waitlistedAt?.toISOString() ?? null,
    checkInCode: a.checkInCode,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    walkIn: a.walkIn,
    invitedAt: a.invitedAt?.toISOString() ?? null,
    respondedAt: a.respondedAt?.toISOString() ?? null,
  };
}

meetingApiRoutes.post('/api/v1/meetings', organizer, async (c) => {
  const input = await parse(c, createMeetingSchema);
  if (!input.ok) return input.response;
  const created = await createMeeting(c.get('deps'), c.get('staff'), input.value);
  if (!created.ok) return failure(c, created.error);
  return c.json(meetingJson((await findMeeting(c.get('deps'), created.value.id))!), 201);
});

/** Every meeting, newest first, with its answer counts (revoked links not counted). */
meetingApiRoutes.get('/api/v1/meetings', viewer, async (c) => {
  const deps = c.get('deps');
  const rows = await deps.db.select().from(meetings).orderBy(desc(meetings.createdAt), desc(meetings.id));
  const counts = await meetingCounts(deps, rows.map((r) => r.id));
  return c.json({ items: rows.map((m) => ({ ...meetingJson(m), counts: counts.get(m.id)! })) });
});

meetingApiRoutes.get('/api/v1/meetings/:id', viewer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  return meeting ? c.json(meetingJson(meeting)) : failure(c, 'not_found');
});

meetingApiRoutes.patch('/api/v1/meetings/:id', organizer, async (c) => {
  const input = await parse(c, updateMeetingSchema);
  if (!input.ok) return input.response;
  const updated = await updateMeeting(c.get('deps'), c.get('staff'), c.req.param('id'), input.value);
  return updated.ok ? c.json(meetingJson(updated.value)) : failure(c, updated.error);
});

meetingApiRoutes.post('/api/v1/meetings/:id/cancel', organizer, async (c) => {
  const cancelled = await cancelMeeting(c.get('deps'), c.get('staff'), c.req.param('id'));
  return cancelled.ok ? c.json(meetingJson(cancelled.value)) : failure(c, cancelled.error);
});

meetingApiRoutes.post('/api/v1/meetings/:id/invitations', organizer, async (c) => {
  const input = await parse(c, invitationSchema);
  if (!input.ok) return input.response;
  const sent = await inviteToMeeting(c.get('deps'), c.get('staff'), c.req.param('id'), input.value);
  return sent.ok ? c.json(sent.value) : failure(c, sent.error);
});

meetingApiRoutes.get('/api/v1/meetings/:id/attendees', viewer, async (c) => {
  const deps = c.get('deps');
  const meeting = await findMeeting(deps, c.req.param('id'));
  if (!meeting) return failure(c, 'not_found');
  const rows = await deps.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meeting.id)).orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.id));
  return c.json({ items: rows.filter((r) => !r.revokedAt).map(attendeeJson) });
});

meetingApiRoutes.post('/api/v1/meetings/:id/attendees/:attendeeId/revoke', organizer, async (c) => {
  const revoked = await revokeRsvpLink(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('attendeeId'));
  return revoked.ok ? c.json({ revoked: true }) : failure(c, revoked.error);
});

meetingApiRoutes.post('/api/v1/meetings/:id/attendees/:attendeeId/reissue', organizer, async (c) => {
  const reissued = await reissueRsvpLink(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('attendeeId'));
  return reissued.ok ? c.json({ reissued: true }) : failure(c, reissued.error);
});

meetingApiRoutes.post('/api/v1/meetings/:id/check-in', organizer, async (c) => {
  const input = await parse(c, checkInSchema);
  if (!input.ok) return input.response;
  const result = await checkIn(c.get('deps'), c.get('staff'), c.req.param('id'), input.value.code);
  if (!result.ok) return failure(c, result.error);
  const { attendee, checkedInAt, alreadyCheckedIn } = result.value;
  return c.json({ attendee: attendeeJson(attendee), checkedInAt: checkedInAt.toISOString(), alreadyCheckedIn });
});

meetingApiRoutes.use('/api/v1/rsvp/*', capabilityHeaders);

meetingApiRoutes.put('/api/v1/rsvp/:token', limitPerLink('rsvp', RSVP_LINK_LIMIT), async (c) => {
  const deps = c.get('deps');
  const link = await findRsvpLink(deps, c.req.param('token'));
  if (!link) return apiError(c, 404, 'not_found', 'error.not_found');
  const input = await parse(c, rsvpSchema);
  if (!input.ok) return input.response;
  const answered = await answerRsvp(deps, link, input.value);
  if (!answered.ok) return failure(c, answered.error);
  const a = answered.value.attendee;
  return c.json({
    answer: a.rsvp,
    note: a.note,
    deputy: a.deputyName ? { name: a.deputyName, title: a.deputyTitle } : null,
    waitlisted: a.rsvp === 'waitlist',
    checkInCode: isSeated(a.rsvp) ? a.checkInCode : null,
  });
});
