/** At the door and after it: check-in by code and walk-ins (from the meeting's day), the minutes (from its start). */
import { asc, eq } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { roundSections } from '../../db/schema';
import type { AppEnv } from '../../env';
import type { FieldErrors } from '../../lib/result';
import { formatTime } from '../../lib/time';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { requireRole } from '../auth/guard';
import { many, one, parseForm, type FormBody } from '../rounds/form-data';
import { addWalkIn, checkIn } from './check-in';
import { CheckInPage } from './door-views';
import { describeError } from './errors';
import { meetingOpinions, saveMinutes } from './minutes';
import { MINUTES_BLANK_ROWS, MinutesPage, type MinutesValues } from './minutes-views';
import type { AttendeeRow } from './rsvp';
import { checkInSchema, minutesSchema, walkInSchema } from './schemas';
import { findMeeting, meetingCounts, type MeetingRow } from './service';
import { canEnterMinutes, isCheckInOpen } from './time-rules';
import type { Flash } from './views';

type C = Context<AppEnv>;
type Helpers = {
  back: (c: C, id: string, done: string, params?: Record<string, string | number>) => Response;
  flashFrom: (c: C) => Flash | null;
  attendeesOf: (c: C, meetingId: string) => Promise<AttendeeRow[]>;
};

export function addDoorRoutes(routes: Hono<AppEnv>, { back, flashFrom, attendeesOf }: Helpers) {
  const organizer = requireRole('organizer');
  const notFound = (c: C) => c.notFound();

  async function renderCheckIn(c: C, meeting: MeetingRow, extra: { code?: string; flash?: Flash | null; errors?: FieldErrors; walkIn?: { name: string; organization: string }; walkInErrors?: FieldErrors } = {}, status: 200 | 404 | 409 | 422 = 200) {
    const counts = (await meetingCounts(c.get('deps'), [meeting.id])).get(meeting.id)!;
    const open = isCheckInOpen(meeting, c.get('deps').clock());
    return c.html(
      <CheckInPage page={pageContext(c)} meeting={meeting} code={extra.code ?? ''} flash={extra.flash ?? null} errors={extra.errors} walkIn={extra.walkIn} walkInErrors={extra.walkInErrors} progress={{ checkedIn: counts.checkedIn, attend: counts.seated }} open={open} />,
      status,
    );
  }

  function minutesValues(form: FormBody): MinutesValues {
    const opinions = [];
    for (let i = 0; form[`opinions.${i}.text`] !== undefined || form[`opinions.${i}.name`] !== undefined; i++) {
      opinions.push({
        attendeeId: one(form[`opinions.${i}.attendeeId`]),
        sectionId: one(form[`opinions.${i}.sectionId`]),
        name: one(form[`opinions.${i}.name`]),
        organization: one(form[`opinions.${i}.organization`]),
        text: one(form[`opinions.${i}.text`]),
      });
    }
    return { summary: one(form.summary), present: many(form.present), opinions };
  }

  const blankOpinions = () => Array.from({ length: MINUTES_BLANK_ROWS }, () => ({ attendeeId: '', sectionId: '', name: '', organization: '', text: '' }));

  async function renderMinutes(c: C, meeting: MeetingRow, values: MinutesValues, errors?: FieldErrors, warning?: string | null, status: 200 | 409 | 422 = 200) {
    const deps = c.get('deps');
    const [attendees, recorded, sections] = await Promise.all([
      attendeesOf(c, meeting.id),
      meetingOpinions(deps, meeting.id),
      // Each opinion heard can name the section of the meeting's round it is about.
      meeting.roundId ? deps.db.select({ id: roundSections.id, number: roundSections.number, heading: roundSections.heading }).from(roundSections).where(eq(roundSections.roundId, meeting.roundId)).orderBy(asc(roundSections.position)) : Promise.resolve([]),
    ]);
    // A refused post keeps its form, so that nothing typed is lost; before the start a plain visit only says when.
    const open = canEnterMinutes(meeting, deps.clock()) || status !== 200;
    return c.html(<MinutesPage page={pageContext(c)} meeting={meeting} attendees={attendees} values={values} errors={errors} warning={warning} recorded={recorded} sections={sections} open={open} />, status);
  }

  // GET only fills the field (a scanned QR code opens this page); checking in is the POST.
  routes.get('/meetings/:id/check-in', organizer, async (c) => {
    const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
    if (!meeting) return notFound(c);
    return renderCheckIn(c, meeting, { code: (c.req.query('code') ?? '').slice(0, 12), flash: flashFrom(c) });
  });

  routes.post('/meetings/:id/check-in', organizer, async (c) => {
    const deps = c.get('deps');
    const meeting = await findMeeting(deps, c.req.param('id'));
    if (!meeting) return notFound(c);
    const code = one((await parseForm(c)).code);
    const input = validate(checkInSchema, { code }, c.get('locale'));
    if (!input.ok) return renderCheckIn(c, meeting, { code, errors: input.fields }, 422);
    const result = await checkIn(deps, c.get('staff'), meeting.id, input.value.code);
    if (!result.ok && result.error !== 'unknown_code') return result.error === 'not_found' ? notFound(c) : renderCheckIn(c, meeting, {}, 409);
    if (!result.ok) return renderCheckIn(c, meeting, { code, errors: describeError(c.get('t'), result.error).fields }, 404);
    const { attendee, checkedInAt, alreadyCheckedIn } = result.value;
    const params = { name: attendee.name, time: formatTime(checkedInAt, c.get('locale')) };
    const flash: Flash = alreadyCheckedIn ? { text: c.get('t')('meetings.checkIn.already', params), kind: 'warning' } : { text: c.get('t')('meetings.checkIn.done', params), kind: 'success' };
    return renderCheckIn(c, meeting, { flash });
  });

  routes.post('/meetings/:id/walk-ins', organizer, async (c) => {
    const deps = c.get('deps');
    const meeting = await findMeeting(deps, c.req.param('id'));
    if (!meeting) return notFound(c);
    const form = await parseForm(c);
    const walkIn = { name: one(form.name), organization: one(form.organization) };
    const input = validate(walkInSchema, walkIn, c.get('locale'));
    if (!input.ok) return renderCheckIn(c, meeting, { walkIn, walkInErrors: input.fields }, 422);
    const added = await addWalkIn(deps, c.get('staff'), meeting.id, input.value);
    if (!added.ok) return added.error === 'not_found' ? notFound(c) : renderCheckIn(c, meeting, {}, 409);
    return c.redirect(`/meetings/${meeting.id}/check-in?${new URLSearchParams({ done: 'walkIn', name: added.value.name })}`, 303);
  });

  routes.get('/meetings/:id/minutes', organizer, async (c) => {
    const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
    if (!meeting) return notFound(c);
    const present = (await attendeesOf(c, meeting.id)).filter((a) => a.checkedInAt).map((a) => a.id);
    return renderMinutes(c, meeting, { summary: meeting.minutesSummary, present, opinions: blankOpinions() });
  });

  routes.post('/meetings/:id/minutes', organizer, async (c) => {
    const deps = c.get('deps');
    const t = c.get('t');
    const meeting = await findMeeting(deps, c.req.param('id'));
    if (!meeting) return notFound(c);
    const values = minutesValues(await parseForm(c));
    const input = validate(minutesSchema, values, c.get('locale'));
    if (!input.ok) return renderMinutes(c, meeting, values, input.fields, null, 422);
    const saved = await saveMinutes(deps, c.get('staff'), meeting.id, input.value);
    if (saved.ok) return back(c, meeting.id, 'minutes', saved.value);
    if (saved.error === 'invalid_input') {
      const fields = Object.fromEntries(Object.entries(saved.fields ?? {}).map(([k, v]) => [k, v === 'who' ? t('meetings.validation.who') : t('validation.invalidChoice')]));
      return renderMinutes(c, meeting, values, fields, null, 422);
    }
    return renderMinutes(c, meeting, values, undefined, describeError(t, saved.error).message, 409);
  });
}
