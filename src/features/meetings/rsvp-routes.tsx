/** The invitee's RSVP link `/m/:token`: read, answer, vote on times, download the calendar file. */
import { Hono, type Context } from 'hono';
import { renderSVG } from 'uqr';
import { POLL_ANSWERS, type PollAnswer } from '../../db/schema';
import type { AppEnv } from '../../env';
import { limitPerLink, RSVP_LINK_LIMIT } from '../../lib/public-form-limit';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { capabilityHeaders, formFields } from '../feedback/request';
import { calendarContentType, meetingCalendar } from './calendar';
import { meetingReplyAddress } from './calendar-address';
import { calendarEvent, isSeated } from './mail';
import { pollOpen, recordVotes, timeOptions, votesOf } from './poll';
import { answerRsvp, findRsvpLink, rsvpPhase, type RsvpLink } from './rsvp';
import { RsvpNotFoundPage, RsvpPage, type RsvpValues } from './rsvp-views';
import { RSVP_CHOICES, rsvpFormSchema, type RsvpChoice } from './schemas';
import { describeError } from './errors';
import type { Flash } from './views';

export const rsvpRoutes = new Hono<AppEnv>();

/** Over the limit, the page comes back with the answer or votes just posted, none of it saved. */
const rsvpLimit = limitPerLink('rsvp', RSVP_LINK_LIMIT, async (c, message) => {
  const token = c.req.param('token') ?? '';
  const link = await findRsvpLink(c.get('deps'), token);
  if (!link) return notFound(c);
  const fields = await formFields(c);
  const posted = c.req.path.endsWith('/poll') ? { votes: postedVotes(fields) } : { values: postedValues(fields) };
  return show(c, token, link, { ...posted, flash: { text: message, kind: 'warning' } }, 429);
});
rsvpRoutes.use('/m/:token', rsvpLimit);
rsvpRoutes.use('/m/:token/*', rsvpLimit);
rsvpRoutes.use('/m/*', capabilityHeaders);

type C = Context<AppEnv>;
const notFound = (c: C) => c.html(<RsvpNotFoundPage page={pageContext(c)} />, 404);

function savedValues(link: RsvpLink): RsvpValues {
  const a = link.attendee;
  const answer = a.rsvp === 'waitlist' ? (a.deputyName ? 'delegate' : 'attend') : a.rsvp === 'pending' ? '' : a.rsvp;
  return { answer, note: a.note, deputyName: a.deputyName, deputyTitle: a.deputyTitle };
}

/** The QR code the organizer's phone scans: the staff check-in page with the code filled in. */
function checkInQr(c: C, link: RsvpLink): string {
  const url = `${c.get('deps').config.appUrl}/meetings/${link.meeting.id}/check-in?code=${link.attendee.checkInCode}`;
  return renderSVG(url, { ecc: 'M', border: 2 });
}

type ShowExtra = { values?: RsvpValues; votes?: Record<string, PollAnswer>; errors?: Record<string, string>; flash?: Flash | null };

/** The page; posted `values` or `votes` replace the saved ones, so a refusal shows what was just chosen and typed. */
async function show(c: C, token: string, link: RsvpLink, extra: ShowExtra = {}, status: 200 | 409 | 422 | 429 = 200) {
  const deps = c.get('deps');
  const poll = pollOpen(link.meeting) ? { options: await timeOptions(deps, link.meeting.id), votes: extra.votes ?? (await votesOf(deps, link.attendee.id)) } : null;
  const phase = rsvpPhase(link.meeting, deps.clock());
  return c.html(
    <RsvpPage
      page={pageContext(c)}
      token={token}
      link={link}
      phase={phase}
      values={extra.values ?? savedValues(link)}
      unsent={phase !== 'open' ? extra.values : undefined}
      errors={extra.errors}
      flash={extra.flash}
      poll={poll && poll.options.length ? poll : null}
      qrSvg={isSeated(link.attendee.rsvp) ? checkInQr(c, link) : null}
    />,
    status,
  );
}

function postedValues(fields: Record<string, string>): RsvpValues {
  return { answer: fields.answer ?? '', note: fields.note ?? '', deputyName: fields.deputyName ?? '', deputyTitle: fields.deputyTitle ?? '' };
}

function postedVotes(fields: Record<string, string>): Record<string, PollAnswer> {
  const votes: Record<string, PollAnswer> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('vote.') && (POLL_ANSWERS as readonly string[]).includes(value)) votes[key.slice(5)] = value as PollAnswer;
  }
  return votes;
}

function doneFlash(c: C): Flash | null {
  const done = c.req.query('done');
  if (done === 'voted') return { text: c.get('t')('meetings.poll.voted') };
  if (done && (RSVP_CHOICES as readonly string[]).concat('waitlist').includes(done)) {
    return { text: c.get('t')(`meetings.rsvp.saved.${done as RsvpChoice | 'waitlist'}`), kind: done === 'waitlist' ? 'warning' : 'success' };
  }
  return null;
}

// GET never changes anything: mail scanners open links.
rsvpRoutes.get('/m/:token', async (c) => {
  const token = c.req.param('token');
  const link = await findRsvpLink(c.get('deps'), token);
  if (!link) return notFound(c);
  return show(c, token, link, { flash: doneFlash(c) });
});

rsvpRoutes.post('/m/:token', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const link = await findRsvpLink(deps, token);
  if (!link) return notFound(c);
  const values = postedValues(await formFields(c));
  const input = validate(rsvpFormSchema, values, c.get('locale'));
  if (!input.ok) return show(c, token, link, { values, errors: input.fields }, 422);
  const answered = await answerRsvp(deps, link, input.value);
  if (!answered.ok) return show(c, token, link, { values, flash: { text: describeError(c.get('t'), answered.error).message, kind: 'warning' } }, 409);
  return c.redirect(`/m/${token}?done=${answered.value.rsvp}`, 303);
});

rsvpRoutes.post('/m/:token/poll', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const link = await findRsvpLink(deps, token);
  if (!link) return notFound(c);
  const votes = postedVotes(await formFields(c));
  const recorded = await recordVotes(deps, link, votes);
  if (!recorded.ok) return show(c, token, link, { votes, flash: { text: describeError(c.get('t'), recorded.error).message, kind: 'warning' } }, 409);
  return c.redirect(`/m/${token}?done=voted`, 303);
});

/**
 * The invitee's own calendar file, the same event (UID, SEQUENCE, status) as the one mailed: confirmed only for a
 * held seat; after a decline, the cancellation of it.
 */
rsvpRoutes.get('/m/:token/invite.ics', async (c) => {
  const deps = c.get('deps');
  const link = await findRsvpLink(deps, c.req.param('token'));
  if (!link || !link.meeting.startsAt || link.meeting.status === 'cancelled') return notFound(c);
  const { meeting, attendee } = link;
  // A file to import, not a mail: PUBLISH, with the same organizer as the mailed event so that clients match the two.
  const method = attendee.rsvp === 'decline' ? 'CANCEL' : 'PUBLISH';
  const replyAddress = await meetingReplyAddress(deps, { attendeeId: attendee.id, tokenHash: attendee.tokenHash });
  const ics = meetingCalendar(calendarEvent(deps, meeting, { attendeeId: attendee.id, name: attendee.name, email: link.email, rsvp: attendee.rsvp }, replyAddress), method);
  return c.body(ics, 200, { 'Content-Type': calendarContentType(method), 'Content-Disposition': 'attachment; filename="invite.ics"' });
});
