/** HTTP routes of breakfast meetings (staff side); the JSON API and the invitees' RSVP link are mounted from here. */
import { asc, desc, eq } from 'drizzle-orm';
import { signInSheetRows, signInSheetXlsx } from './sign-in-sheet';
import { Hono, type Context } from 'hono';
import { meetingAttendees, rounds } from '../../db/schema';
import type { AppEnv } from '../../env';
import { attachmentDisposition } from '../../lib/csv';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime, shanghaiDateStamp, toShanghaiLocalInput } from '../../lib/time';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { hasRole, requireRole } from '../auth/guard';
import { loadPicker, pickerStateOf, pickFromForm } from '../rounds/audience-picker';
import { AUDIENCE_IDS_MAX } from '../rounds/schemas';
import { many, one, parseForm, splitTags, type FormBody } from '../rounds/form-data';
import { meetingApiRoutes } from './api';
import { SignInSheetPage } from './door-views';
import { describeError } from './errors';
import { attendanceXlsx } from './export';
import { inviteToMeeting } from './invitations';
import { reissueRsvpLink, revokeRsvpLink } from './links';
import { meetingLabel } from './mail';
import { MeetingPage } from './meeting-page';
import { meetingOpinions } from './minutes';
import { pickTime, pollTally } from './poll';
import { rsvpRoutes } from './rsvp-routes';
import { addDoorRoutes } from './door-routes';
import { createMeetingSchema, DEFAULT_DURATION, invitationSchema, updateMeetingSchema } from './schemas';
import { cancelMeeting, createMeeting, findMeeting, INFORMED, latestSeries, listMeetings, meetingCounts, plannedChange, recipientCount, updateMeeting, type MeetingRow } from './service';
import { CancelConfirmPage, UpdateConfirmPage } from './confirm-pages';
import { startsInPastUnsaid } from './time-rules';
import { isConfirmed } from '../../ui/confirm-page';
import { InvitePage, MeetingFormPage, MeetingListPage, type Flash, type InviteValues, type MeetingFormValues } from './views';

export const meetingRoutes = new Hono<AppEnv>();
meetingRoutes.route('/', meetingApiRoutes);
meetingRoutes.route('/', rsvpRoutes);

const viewer = requireRole('viewer');
const organizer = requireRole('organizer');
type C = Context<AppEnv>;

const notFound = (c: C) => c.notFound();
const back = (c: C, id: string, done: string, params: Record<string, string | number> = {}) =>
  c.redirect(`/meetings/${id}?${new URLSearchParams({ done, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`, 303);

const FLASH_KEYS = {
  created: 'meetings.flash.created',
  saved: 'meetings.flash.saved',
  updated: 'meetings.flash.updated',
  cancelled: 'meetings.flash.cancelled',
  invited: 'meetings.flash.invited',
  minutes: 'meetings.flash.minutes',
  picked: 'meetings.flash.picked',
  walkIn: 'meetings.flash.walkIn',
  revoked: 'meetings.flash.revoked',
  reissued: 'meetings.flash.reissued',
} as const;

function flashFrom(c: C): Flash | null {
  const params = new URL(c.req.url).searchParams;
  const key = FLASH_KEYS[(params.get('done') ?? '') as keyof typeof FLASH_KEYS];
  if (!key) return null;
  const n = (name: string) => Number.parseInt(params.get(name) ?? '0', 10) || 0;
  return { text: c.get('t')(key, { number: n('number'), invited: n('invited'), skipped: n('skipped'), opinions: n('opinions'), name: params.get('name') ?? '' }) };
}

async function roundChoices(c: C) {
  return c.get('deps').db.select({ id: rounds.id, title: rounds.title }).from(rounds).orderBy(desc(rounds.createdAt));
}

function formValues(form: FormBody): MeetingFormValues {
  return {
    series: one(form.series),
    title: one(form.title),
    topic: one(form.topic),
    startsAt: one(form.startsAt),
    durationMinutes: one(form.durationMinutes),
    venue: one(form.venue),
    address: one(form.address),
    directions: one(form.directions),
    capacity: one(form.capacity),
    agenda: one(form.agenda),
    host: one(form.host),
    roundId: one(form.roundId),
    pollTimes: many(form.pollTimes),
    recordPast: one(form.recordPast) === '1',
  };
}

function valuesOf(meeting: MeetingRow): MeetingFormValues {
  return {
    series: meeting.series,
    title: meeting.title,
    topic: meeting.topic,
    startsAt: meeting.startsAt ? toShanghaiLocalInput(meeting.startsAt) : '',
    durationMinutes: String(meeting.durationMinutes),
    venue: meeting.venue,
    address: meeting.address,
    directions: meeting.directions,
    capacity: String(meeting.capacity),
    agenda: meeting.agenda,
    host: meeting.host,
    roundId: meeting.roundId ?? '',
    pollTimes: [],
    recordPast: false,
  };
}

async function renderForm(c: C, meeting: MeetingRow | null, values: MeetingFormValues, errors?: FieldErrors, status: 200 | 409 | 422 = 200, offerRecordPast = values.recordPast) {
  const t = c.get('t');
  const heading = meeting ? t('meetings.edit.title', { title: meetingLabel(t, meeting) }) : t('meetings.new');
  const action = meeting ? `/meetings/${meeting.id}` : '/meetings';
  return c.html(<MeetingFormPage page={pageContext(c)} action={action} heading={heading} values={values} errors={errors} rounds={await roundChoices(c)} isNew={!meeting} offerRecordPast={offerRecordPast} />, status);
}

/** A start in the past is refused unless the organizer ticks "record a past meeting"; the form then offers the tick. */
function refusePastStart(c: C, meeting: MeetingRow | null, values: MeetingFormValues, startsAt: Date) {
  const message = c.get('t')('meetings.past.refused', { time: formatDateTime(startsAt, c.get('locale')) });
  return renderForm(c, meeting, values, { startsAt: message }, 422, true);
}

/** The form as posted, to be posted again from the confirmation page. */
function formFields(values: MeetingFormValues): Record<string, string> {
  const { series: _series, pollTimes: _pollTimes, recordPast, ...rest } = values;
  return { ...rest, ...(recordPast ? { recordPast: '1' } : {}) };
}

/** Attendees whose link stands; the meeting page also lists revoked invitees, so their link can be reissued. */
async function attendeesOf(c: C, meetingId: string, withRevoked = false) {
  const rows = await c.get('deps').db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId)).orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.id));
  return withRevoked ? rows : rows.filter((r) => !r.revokedAt);
}

async function showMeeting(c: C, meeting: MeetingRow, flash: Flash | null, status: 200 | 409 = 200) {
  const deps = c.get('deps');
  const [counts, attendees, tally, opinions, round] = await Promise.all([
    meetingCounts(deps, [meeting.id]),
    attendeesOf(c, meeting.id, true),
    pollTally(deps, meeting.id),
    meetingOpinions(deps, meeting.id),
    meeting.roundId ? deps.db.select({ title: rounds.title }).from(rounds).where(eq(rounds.id, meeting.roundId)).get() : Promise.resolve(undefined),
  ]);
  const page = pageContext(c);
  return c.html(
    <MeetingPage page={page} meeting={meeting} counts={counts.get(meeting.id)!} attendees={attendees} tally={tally} opinions={opinions} roundTitle={round?.title ?? null} canChange={hasRole(c.get('staff'), 'organizer')} flash={flash} />,
    status,
  );
}

async function refuse(c: C, id: string, code: string) {
  const meeting = await findMeeting(c.get('deps'), id);
  if (!meeting) return notFound(c);
  return showMeeting(c, meeting, { text: describeError(c.get('t'), code).message, kind: 'warning' }, 409);
}

meetingRoutes.get('/meetings', viewer, async (c) => {
  const { upcoming, past } = await listMeetings(c.get('deps'));
  return c.html(<MeetingListPage page={pageContext(c)} upcoming={upcoming} past={past} canChange={hasRole(c.get('staff'), 'organizer')} />);
});

/** The first meeting's series: a name of the data (like the demo's), not a UI string, so it is not translated. */
const FIRST_SERIES = '早餐会';

meetingRoutes.get('/meetings/new', organizer, async (c) => {
  const series = c.req.query('series') ?? (await latestSeries(c.get('deps'))) ?? FIRST_SERIES;
  const values = { ...formValues({}), durationMinutes: String(DEFAULT_DURATION), capacity: '20', series };
  return renderForm(c, null, values);
});

meetingRoutes.post('/meetings', organizer, async (c) => {
  const values = formValues(await parseForm(c));
  const input = validate(createMeetingSchema, values, c.get('locale'));
  if (!input.ok) return renderForm(c, null, values, input.fields, 422);
  if (startsInPastUnsaid(input.value.startsAt, null, c.get('deps').clock(), values.recordPast)) return refusePastStart(c, null, values, input.value.startsAt!);
  const created = await createMeeting(c.get('deps'), c.get('staff'), input.value);
  if (!created.ok) return renderForm(c, null, values, describeError(c.get('t'), created.error).fields, 422);
  return back(c, created.value.id, 'created', { number: created.value.number });
});

meetingRoutes.get('/meetings/:id', viewer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  return showMeeting(c, meeting, flashFrom(c));
});

meetingRoutes.get('/meetings/:id/edit', organizer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  if (meeting.status === 'cancelled') return refuse(c, meeting.id, 'cancelled');
  return renderForm(c, meeting, valuesOf(meeting));
});

meetingRoutes.post('/meetings/:id', organizer, async (c) => {
  const deps = c.get('deps');
  const meeting = await findMeeting(deps, c.req.param('id'));
  if (!meeting) return notFound(c);
  const form = await parseForm(c);
  const values = { ...formValues(form), series: meeting.series };
  const input = validate(updateMeetingSchema, { ...values, startsAt: values.startsAt || undefined, pollTimes: undefined, series: undefined, recordPast: undefined }, c.get('locale'));
  if (!input.ok) return renderForm(c, meeting, values, input.fields, 422);
  if (startsInPastUnsaid(input.value.startsAt, meeting.startsAt, deps.clock(), values.recordPast)) return refusePastStart(c, meeting, values, input.value.startsAt!);
  // A change of time or place mails every invitee who still expects the meeting: say so, and how many, first.
  const plan = plannedChange(meeting, input.value);
  if (plan.mails && meeting.status !== 'cancelled' && !isConfirmed(form)) {
    const count = await recipientCount(deps, meeting.id, INFORMED);
    if (count > 0) return c.html(<UpdateConfirmPage page={pageContext(c)} meeting={meeting} plan={plan} recipients={count} fields={formFields(values)} />);
  }
  const updated = await updateMeeting(deps, c.get('staff'), meeting.id, input.value);
  if (!updated.ok) return updated.error === 'not_found' ? notFound(c) : renderForm(c, meeting, values, describeError(c.get('t'), updated.error).fields ?? { _: describeError(c.get('t'), updated.error).message }, 409);
  return back(c, meeting.id, updated.value.sequence > meeting.sequence ? 'updated' : 'saved');
});

meetingRoutes.post('/meetings/:id/cancel', organizer, async (c) => {
  const deps = c.get('deps');
  const meeting = await findMeeting(deps, c.req.param('id'));
  if (!meeting) return notFound(c);
  if (meeting.status !== 'scheduled') return refuse(c, meeting.id, 'cancelled');
  if (!isConfirmed(await parseForm(c))) {
    const count = meeting.startsAt ? await recipientCount(deps, meeting.id, INFORMED) : 0;
    return c.html(<CancelConfirmPage page={pageContext(c)} meeting={meeting} recipients={count} />);
  }
  const cancelled = await cancelMeeting(c.get('deps'), c.get('staff'), c.req.param('id'));
  if (!cancelled.ok) return cancelled.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), cancelled.error);
  return back(c, c.req.param('id'), 'cancelled');
});

meetingRoutes.post('/meetings/:id/poll/pick', organizer, async (c) => {
  const picked = await pickTime(c.get('deps'), c.get('staff'), c.req.param('id'), one((await parseForm(c)).optionId));
  if (!picked.ok) return picked.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), picked.error);
  return back(c, c.req.param('id'), 'picked');
});

meetingRoutes.post('/meetings/:id/attendees/:attendeeId/revoke', organizer, async (c) => {
  const revoked = await revokeRsvpLink(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('attendeeId'));
  if (!revoked.ok) return revoked.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), revoked.error);
  return back(c, c.req.param('id'), 'revoked');
});

meetingRoutes.post('/meetings/:id/attendees/:attendeeId/reissue', organizer, async (c) => {
  const reissued = await reissueRsvpLink(c.get('deps'), c.get('staff'), c.req.param('id'), c.req.param('attendeeId'));
  if (!reissued.ok) return reissued.error === 'not_found' ? notFound(c) : refuse(c, c.req.param('id'), reissued.error);
  return back(c, c.req.param('id'), 'reissued');
});

async function renderInvite(c: C, meeting: MeetingRow, values: InviteValues, errors?: FieldErrors, status: 200 | 422 = 200, picker = pickerStateOf(values.stakeholderIds)) {
  const stakeholders = await loadPicker(c.get('deps'), picker);
  return c.html(<InvitePage page={pageContext(c)} meeting={meeting} values={values} errors={errors} stakeholders={stakeholders} />, status);
}

meetingRoutes.get('/meetings/:id/invite', organizer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  if (meeting.status !== 'scheduled') return refuse(c, meeting.id, 'cancelled');
  return renderInvite(c, meeting, { categories: [], tags: '', stakeholderIds: [] });
});

meetingRoutes.post('/meetings/:id/invitations', organizer, async (c) => {
  const deps = c.get('deps');
  const meeting = await findMeeting(deps, c.req.param('id'));
  if (!meeting) return notFound(c);
  const form = await parseForm(c);
  const values: InviteValues = { categories: many(form.categories), tags: one(form.tags), stakeholderIds: many(form.stakeholderIds) };
  // The picker's buttons (search, add, remove, pages) only show the form again, with the picked list changed.
  const picker = await pickFromForm(deps, form, values.stakeholderIds, c.get('locale'), c.get('t')('rounds.picker.tooMany', { max: AUDIENCE_IDS_MAX }));
  values.stakeholderIds = picker.state.picked;
  if (picker.acted) return renderInvite(c, meeting, values, picker.error ? { pickQuery: picker.error.message } : undefined, picker.error ? 422 : 200, picker.state);
  const input = validate(invitationSchema, { ...values, tags: splitTags(values.tags) }, c.get('locale'));
  if (!input.ok) return renderInvite(c, meeting, values, input.fields, 422);
  const sent = await inviteToMeeting(deps, c.get('staff'), meeting.id, input.value);
  if (!sent.ok) return refuse(c, meeting.id, sent.error);
  return back(c, meeting.id, 'invited', sent.value);
});

addDoorRoutes(meetingRoutes, { back, flashFrom, attendeesOf });

meetingRoutes.get('/meetings/:id/sign-in-sheet', viewer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  return c.html(<SignInSheetPage page={pageContext(c)} meeting={meeting} rows={await signInSheetRows(c.get('deps'), meeting.id)} />);
});

meetingRoutes.get('/meetings/:id/sign-in-sheet.xlsx', viewer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  const workbook = signInSheetXlsx(c.get('t'), c.get('locale'), meeting, await signInSheetRows(c.get('deps'), meeting.id));
  return c.body(workbook.buffer as ArrayBuffer, 200, meetingXlsxHeaders(meeting, '签到表', 'sign-in-sheet'));
});

/** Download headers of a meeting's workbook: series, number and date in the name, an ASCII fallback. */
function meetingXlsxHeaders(meeting: MeetingRow, kind: string, asciiKind: string): Record<string, string> {
  const stamp = meeting.startsAt ? shanghaiDateStamp(meeting.startsAt) : 'tbd';
  return {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': attachmentDisposition(`${meeting.series}第${meeting.number}期-${kind}-${stamp}.xlsx`, `meeting-${meeting.number}-${asciiKind}-${stamp}.xlsx`),
    'cache-control': 'no-store',
  };
}

meetingRoutes.get('/meetings/:id/attendance.xlsx', viewer, async (c) => {
  const meeting = await findMeeting(c.get('deps'), c.req.param('id'));
  if (!meeting) return notFound(c);
  const workbook = attendanceXlsx(c.get('t'), c.get('locale'), meeting, await attendeesOf(c, meeting.id));
  return c.body(workbook.buffer as ArrayBuffer, 200, meetingXlsxHeaders(meeting, '签到名单', 'attendance'));
});
