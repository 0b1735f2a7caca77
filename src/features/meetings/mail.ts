/** Meeting emails (zh-CN first, then English), with the invitee's calendar file where the time is known. */
import type { meetings } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime, formatTime } from '../../lib/time';
import type { OutboxMessage } from '../mail/outbox';
import { renderEmail, type EmailBlock } from '../mail/render';
import { calendarAttachment, parseMailbox, type CalendarEvent, type CalendarMethod } from './calendar';

export type MeetingRow = typeof meetings.$inferSelect;

export type Recipient = { attendeeId: string; stakeholderId: string | null; name: string; email: string; checkInCode: string };

export type MeetingMailKind =
  | 'meeting_invitation'
  | 'meeting_update'
  | 'meeting_cancel'
  | 'meeting_reminder'
  | 'meeting_waitlist_promoted'
  | 'meeting_rsvp';

export function meetingLabel(t: Translator, meeting: Pick<MeetingRow, 'series' | 'number' | 'title'>): string {
  return `${t('meetings.numbered', { series: meeting.series, number: meeting.number })} · ${meeting.title}`;
}

export function rsvpLink(deps: Deps, token: string): string {
  return `${deps.config.appUrl}/m/${token}`;
}

export function meetingFacts(t: Translator, locale: Locale, meeting: MeetingRow): EmailBlock {
  const items = [{ label: t('meetings.field.title'), value: meetingLabel(t, meeting) }];
  if (meeting.startsAt) {
    const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
    items.push({ label: t('meetings.field.startsAt'), value: t('meetings.time.range', { start: formatDateTime(meeting.startsAt, locale), end: formatTime(end, locale) }) });
  }
  if (meeting.venue) items.push({ label: t('meetings.field.venue'), value: meeting.venue });
  if (meeting.address) items.push({ label: t('meetings.field.address'), value: meeting.address });
  if (meeting.directions) items.push({ label: t('meetings.field.directions'), value: meeting.directions });
  if (meeting.host) items.push({ label: t('meetings.field.host'), value: meeting.host });
  if (meeting.topic) items.push({ label: t('meetings.field.topic'), value: meeting.topic });
  return { type: 'facts', items };
}

/** The invitee's event: the same UID and SEQUENCE whether mailed or downloaded from the RSVP page. */
export function calendarEvent(deps: Deps, meeting: MeetingRow, to: Pick<Recipient, 'attendeeId' | 'name'> & { email: string | null }): CalendarEvent {
  return {
    meetingId: meeting.id,
    attendeeId: to.attendeeId,
    sequence: meeting.sequence,
    startsAt: meeting.startsAt!,
    durationMinutes: meeting.durationMinutes,
    summary: `${meeting.series}第${meeting.number}期 · ${meeting.title}`,
    description: [meeting.topic, meeting.agenda, meeting.directions].filter(Boolean).join('\n\n'),
    location: [meeting.venue, meeting.address].filter(Boolean).join('，'),
    organizer: parseMailbox(deps.config.mailFrom),
    attendee: { name: to.name, email: to.email },
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
} as const;

const INTRO_KEYS = {
  meeting_invitation: 'meetings.email.invitation.intro',
  meeting_update: 'meetings.email.update.intro',
  meeting_cancel: 'meetings.email.cancel.intro',
  meeting_reminder: 'meetings.email.reminder.intro',
  meeting_waitlist_promoted: 'meetings.email.promoted.intro',
  meeting_rsvp: 'meetings.email.rsvp.intro',
} as const;

type MailOptions = {
  /** A fresh RSVP link (invitations only: the token is not kept, so later mails point back to the first). */
  link?: string | null;
  /** The answer being confirmed (RSVP confirmations). */
  answerKey?: Parameters<Translator>[0];
  /** Poll invitations have no time yet, so no calendar file. */
  poll?: boolean;
};

/** One meeting email to one invitee; a calendar file goes along whenever the meeting has a time. */
export async function meetingMail(deps: Deps, kind: MeetingMailKind, meeting: MeetingRow, to: Recipient, options: MailOptions = {}): Promise<OutboxMessage> {
  const showCode = kind === 'meeting_reminder' || kind === 'meeting_waitlist_promoted' || (kind === 'meeting_rsvp' && options.answerKey === 'meetings.rsvp.attend');
  const mail = await renderEmail((t, locale) => ({
    subject: t(SUBJECT_KEYS[kind], { title: meetingLabel(t, meeting) }),
    heading: meetingLabel(t, meeting),
    blocks: [
      { type: 'paragraph', text: t('meetings.email.greeting', { name: to.name }) },
      { type: 'paragraph', text: t(INTRO_KEYS[kind]) },
      ...(options.answerKey ? [{ type: 'paragraph' as const, text: t('meetings.email.rsvp.answer', { answer: t(options.answerKey) }) }] : []),
      ...(options.poll ? [{ type: 'paragraph' as const, text: t('meetings.email.invitation.poll') }] : []),
      meetingFacts(t, locale, meeting),
      ...(meeting.agenda && kind !== 'meeting_cancel' ? [{ type: 'paragraph' as const, text: `${t('meetings.field.agenda')}：${meeting.agenda}` }] : []),
      ...(showCode ? [{ type: 'facts' as const, items: [{ label: t('meetings.checkIn.code'), value: to.checkInCode }] }] : []),
      ...(options.link
        ? [{ type: 'button' as const, label: t('meetings.email.invitation.button'), url: options.link }, { type: 'paragraph' as const, text: t('meetings.email.personalLink') }]
        : kind === 'meeting_cancel'
          ? []
          : [{ type: 'paragraph' as const, text: t('meetings.email.useFirstLink') }]),
    ],
  }));
  const method: CalendarMethod | null = kind === 'meeting_cancel' ? 'CANCEL' : meeting.startsAt && !options.poll && kind !== 'meeting_rsvp' ? 'REQUEST' : null;
  const attachments = method && meeting.startsAt ? [calendarAttachment(calendarEvent(deps, meeting, to), method)] : undefined;
  return {
    kind,
    transactional: kind === 'meeting_rsvp',
    to: { email: to.email, name: to.name },
    ...mail,
    attachments,
    stakeholderId: to.stakeholderId,
    meetingId: meeting.id,
  };
}
