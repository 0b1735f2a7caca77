/** Meeting emails (zh-CN first, then English), with the invitee's calendar file where the time is known. */
import { SEATED_ANSWERS, type meetingAttendees, type meetings, type RsvpAnswer } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { DEFAULT_LOCALE, translate, type Locale, type Translator } from '../../lib/i18n';
import { formatDateTime, formatTime } from '../../lib/time';
import type { OutboxMessage } from '../mail/outbox';
import { renderEmail, type EmailBlock } from '../mail/render';
import { calendarAttachment, parseMailbox, type CalendarEvent, type CalendarMethod } from './calendar';
import { meetingReplyAddress } from './calendar-address';
import { currentRsvpToken, type LinkHolder } from './rsvp-token';

export type MeetingRow = typeof meetings.$inferSelect;

/** One invitee as mails see them: their answer decides the calendar status, their link issue the link in the mail. */
export type Recipient = LinkHolder & { stakeholderId: string | null; name: string; email: string; checkInCode: string; rsvp: RsvpAnswer };

export type MeetingMailKind =
  | 'meeting_invitation'
  | 'meeting_update'
  | 'meeting_cancel'
  | 'meeting_reminder'
  | 'meeting_waitlist_promoted'
  | 'meeting_rsvp'
  | 'meeting_revoked';

/** Fields whose change invitees are told about (and whose change raises the calendar SEQUENCE). */
export const CALENDAR_FIELDS = ['title', 'startsAt', 'durationMinutes', 'venue', 'address', 'directions'] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];

/** The mail view of an attendee row (the address comes from the stakeholder). */
export function recipientOf(attendee: typeof meetingAttendees.$inferSelect, email: string): Recipient {
  const { id: attendeeId, stakeholderId, name, checkInCode, rsvp, linkIssue, tokenHash } = attendee;
  return { attendeeId, stakeholderId, name, email, checkInCode, rsvp, linkIssue, tokenHash };
}

/** 张伟，副主任 */
export function deputyLabel(attendee: Pick<typeof meetingAttendees.$inferSelect, 'deputyName' | 'deputyTitle'>): string {
  return [attendee.deputyName, attendee.deputyTitle].filter(Boolean).join('，');
}

export function isSeated(answer: RsvpAnswer): boolean {
  return (SEATED_ANSWERS as readonly RsvpAnswer[]).includes(answer);
}

export function meetingLabel(t: Translator, meeting: Pick<MeetingRow, 'series' | 'number' | 'title'>): string {
  return `${t('meetings.numbered', { series: meeting.series, number: meeting.number })} · ${meeting.title}`;
}

export function rsvpLink(deps: Deps, token: string): string {
  return `${deps.config.appUrl}/m/${token}`;
}

function timeRange(t: Translator, locale: Locale, meeting: Pick<MeetingRow, 'startsAt' | 'durationMinutes'>): string {
  if (!meeting.startsAt) return '';
  const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  return t('meetings.time.range', { start: formatDateTime(meeting.startsAt, locale), end: formatTime(end, locale) });
}

export function meetingFacts(t: Translator, locale: Locale, meeting: MeetingRow): EmailBlock {
  const items = [{ label: t('meetings.field.title'), value: meetingLabel(t, meeting) }];
  if (meeting.startsAt) items.push({ label: t('meetings.field.startsAt'), value: timeRange(t, locale, meeting) });
  if (meeting.venue) items.push({ label: t('meetings.field.venue'), value: meeting.venue });
  if (meeting.address) items.push({ label: t('meetings.field.address'), value: meeting.address });
  if (meeting.directions) items.push({ label: t('meetings.field.directions'), value: meeting.directions });
  if (meeting.host) items.push({ label: t('meetings.field.host'), value: meeting.host });
  if (meeting.topic) items.push({ label: t('meetings.field.topic'), value: meeting.topic });
  return { type: 'facts', items };
}

/**
 * The invitee's event: the same UID and SEQUENCE whether mailed or downloaded from the RSVP page. `replyAddress`: the
 * invitee's own organizer address (calendar-address.ts), else the sender's no-reply address.
 */
export function calendarEvent(
  deps: Deps,
  meeting: MeetingRow,
  to: Pick<Recipient, 'attendeeId' | 'name' | 'rsvp'> & { email: string | null },
  replyAddress: string | null = null,
): CalendarEvent {
  const summary = `${meeting.series}第${meeting.number}期 · ${meeting.title}`;
  const sender = parseMailbox(deps.config.mailFrom);
  return {
    meetingId: meeting.id,
    attendeeId: to.attendeeId,
    sequence: meeting.sequence,
    startsAt: meeting.startsAt!,
    durationMinutes: meeting.durationMinutes,
    summary,
    description: [meeting.topic, meeting.agenda, meeting.directions].filter(Boolean).join('\n\n'),
    location: [meeting.venue, meeting.address].filter(Boolean).join('，'),
    organizer: replyAddress ? { name: sender.name, email: replyAddress } : sender,
    attendee: { name: to.name, email: to.email },
    confirmed: isSeated(to.rsvp),
    awaitingAnswer: to.rsvp === 'pending',
    // In Chinese, like the summary: one calendar file has one language.
    reminder: translate(DEFAULT_LOCALE, 'meetings.calendar.reminder', { title: summary }),
    stamp: deps.clock(),
  };
}

const SUBJECT_KEYS = {
  meeting_invitation: 'meetings.email.invitation.subject',
  meeting_update: 'meetings.email.update.subject',
  meeting_cancel: 'meetings.email.cancel.subject',
  meeting_reminder: 'meetings.email.reminder.subject',
  meeting_waitlist_promoted: 'meetings.email.promoted.subject',
  meeting_rsvp: 'meetings.email.rsvp.subject',
  meeting_revoked: 'meetings.email.revoked.subject',
} as const;

const INTRO_KEYS = {
  meeting_invitation: 'meetings.email.invitation.intro',
  meeting_update: 'meetings.email.update.intro',
  meeting_cancel: 'meetings.email.cancel.intro',
  meeting_reminder: 'meetings.email.reminder.intro',
  meeting_waitlist_promoted: 'meetings.email.promoted.intro',
  meeting_rsvp: 'meetings.email.rsvp.intro',
  meeting_revoked: 'meetings.email.revoked.intro',
} as const;

type MailOptions = {
  /** The RSVP token when the caller holds it (a new invitation, the invitee answering); otherwise it is derived. */
  token?: string | null;
  /** The answer being confirmed (RSVP confirmations). */
  answerKey?: Parameters<Translator>[0];
  /** The deputy named with a 委派出席 answer. */
  deputy?: string;
  /** Poll invitations have no time yet, so no calendar file. */
  poll?: boolean;
  /** Updates: the meeting as it was and the fields that changed, so the mail can say what changed. */
  before?: MeetingRow;
  changed?: readonly CalendarField[];
  /** The invitee answered with their calendar's buttons: it already shows the answer, so no calendar file goes along. */
  answeredInCalendar?: boolean;
};

/** Mails that end the invitee's event; they carry no link (there is nothing left to answer). */
const ENDING_KINDS: readonly MeetingMailKind[] = ['meeting_cancel', 'meeting_revoked'];

/**
 * Which calendar file goes along: CANCEL when the invitee's event ends (meeting cancelled, link revoked, declined);
 * the event otherwise, except a confirmation that holds no seat (waiting, maybe): no event until promoted. The event is
 * a REQUEST when the invitee has an organizer address to answer to, else PUBLISH.
 */
function calendarMethod(kind: MeetingMailKind, meeting: MeetingRow, to: Recipient, options: MailOptions, replyAddress: string | null): CalendarMethod | null {
  if (!meeting.startsAt || options.poll || options.answeredInCalendar) return null;
  const event: CalendarMethod = replyAddress ? 'REQUEST' : 'PUBLISH';
  if (ENDING_KINDS.includes(kind)) return 'CANCEL';
  if (kind !== 'meeting_rsvp') return event;
  if (to.rsvp === 'decline') return 'CANCEL';
  return isSeated(to.rsvp) ? event : null;
}

/** "Time: from … to …" for each changed field; the time and the duration are one line (the time range). */
function changeBlock(t: Translator, locale: Locale, before: MeetingRow, after: MeetingRow, changed: readonly CalendarField[]): EmailBlock {
  const fields = [...new Set(changed.map((field) => (field === 'durationMinutes' ? 'startsAt' : field)))];
  const show = (meeting: MeetingRow, field: (typeof fields)[number]) => (field === 'startsAt' ? timeRange(t, locale, meeting) : meeting[field]) || t('meetings.email.update.empty');
  return {
    type: 'facts',
    items: fields.map((field) => ({ label: t(`meetings.field.${field}`), value: t('meetings.email.update.change', { before: show(before, field), after: show(after, field) }) })),
  };
}

/** One meeting email to one invitee, with their personal link and (once the meeting has a time) their calendar file. */
export async function meetingMail(deps: Deps, kind: MeetingMailKind, meeting: MeetingRow, to: Recipient, options: MailOptions = {}): Promise<OutboxMessage> {
  const seated = isSeated(to.rsvp);
  const showCode = seated && (kind === 'meeting_reminder' || kind === 'meeting_waitlist_promoted' || kind === 'meeting_rsvp');
  const ending = ENDING_KINDS.includes(kind);
  const token = ending ? null : options.token ?? (await currentRsvpToken(deps, to));
  const { before, changed } = options;
  const mail = await renderEmail((t, locale) => ({
    subject: t(SUBJECT_KEYS[kind], { title: meetingLabel(t, meeting) }),
    heading: meetingLabel(t, meeting),
    blocks: [
      { type: 'paragraph', text: t('meetings.email.greeting', { name: to.name }) },
      { type: 'paragraph', text: t(INTRO_KEYS[kind]) },
      ...(before && changed?.length ? [{ type: 'paragraph' as const, text: t('meetings.email.update.whatChanged') }, changeBlock(t, locale, before, meeting, changed)] : []),
      ...(options.answerKey ? [{ type: 'paragraph' as const, text: t('meetings.email.rsvp.answer', { answer: t(options.answerKey) }) }] : []),
      ...(options.deputy ? [{ type: 'paragraph' as const, text: t('meetings.email.rsvp.deputy', { deputy: options.deputy }) }] : []),
      ...(options.poll ? [{ type: 'paragraph' as const, text: t('meetings.email.invitation.poll') }] : []),
      meetingFacts(t, locale, meeting),
      ...(meeting.agenda && !ending ? [{ type: 'paragraph' as const, text: `${t('meetings.field.agenda')}：${meeting.agenda}` }] : []),
      ...(showCode ? [{ type: 'facts' as const, items: [{ label: t('meetings.checkIn.code'), value: to.checkInCode }] }] : []),
      ...(token
        ? [{ type: 'button' as const, label: t('meetings.email.invitation.button'), url: rsvpLink(deps, token) }, { type: 'paragraph' as const, text: t('meetings.email.personalLink') }]
        : ending
          ? []
          : [{ type: 'paragraph' as const, text: t('meetings.email.useFirstLink') }]),
    ],
  }));
  // A CANCEL keeps the organizer of the event it ends, so that the client matches it (a revoked link's address included).
  const replyAddress = await meetingReplyAddress(deps, to);
  const method = calendarMethod(kind, meeting, to, options, replyAddress);
  const attachments = method ? [calendarAttachment(calendarEvent(deps, meeting, to, replyAddress), method)] : undefined;
  return {
    kind,
    transactional: kind === 'meeting_rsvp' || kind === 'meeting_revoked',
    to: { email: to.email, name: to.name },
    ...mail,
    attachments,
    stakeholderId: to.stakeholderId,
    meetingId: meeting.id,
  };
}
