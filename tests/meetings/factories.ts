/** Small factories for the meetings tests: meetings through the service, invitees, their RSVP links, mail lookups. */
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { meetingAttendees, outbox } from '../../src/db/schema';
import { createMeeting } from '../../src/features/meetings/service';
import type { MeetingInput } from '../../src/features/meetings/schemas';
import { inviteToMeeting } from '../../src/features/meetings/invitations';
import type { Deps } from '../../src/lib/deps';
import { daysFromNow, testDeps } from '../helpers';
import { aStakeholder, uniqueTag } from '../rounds/factories';

export { aStakeholder, uniqueTag };

export const uniqueSeries = () => `早餐会-${crypto.randomUUID().slice(0, 6)}`;

export function meetingInput(overrides: Partial<MeetingInput> = {}): MeetingInput {
  return {
    series: uniqueSeries(),
    title: '三年行动方案早餐会',
    topic: '',
    startsAt: daysFromNow(2, '07:30'),
    durationMinutes: 90,
    venue: '区科协 3 楼会议室',
    address: '长宁路 1 号',
    directions: '地铁 2 号线中山公园站 3 号口，步行 5 分钟',
    capacity: 10,
    agenda: '一、情况通报；二、意见交流',
    host: '王老师',
    roundId: null,
    pollTimes: [],
    ...overrides,
  };
}

export async function aMeeting(deps: Deps, overrides: Partial<MeetingInput> = {}) {
  const created = await createMeeting(deps, null, meetingInput(overrides));
  if (!created.ok) throw new Error(created.error);
  return created.value.id;
}

/** A meeting with `count` invitees (by a fresh tag); returns their stakeholder ids and RSVP tokens by stakeholder. */
export async function aMeetingWithInvitees(deps: Deps, count: number, overrides: Partial<MeetingInput> = {}) {
  const meetingId = await aMeeting(deps, overrides);
  const tag = uniqueTag();
  const people: { id: string; email: string | null }[] = [];
  for (let i = 0; i < count; i++) people.push(await aStakeholder(deps, { tags: [tag] }));
  await inviteToMeeting(deps, null, meetingId, { categories: [], tags: [tag], stakeholderIds: [] });
  const mails = await mailFor(meetingId, 'meeting_invitation');
  const tokens = people.map((p) => rsvpToken(mails.find((m) => m.stakeholderId === p.id)!.text)!);
  return { meetingId, people, tokens };
}

export async function mailFor(meetingId: string, kind: string) {
  return testDeps().db.select().from(outbox).where(and(eq(outbox.meetingId, meetingId), eq(outbox.kind, kind)));
}

export async function attendeesOf(meetingId: string) {
  return testDeps().db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
}

/** The `/m/<token>` link in a mail's text. */
export function rsvpToken(text: string): string | null {
  return /\/m\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}

/** The no-domain case: without INBOUND_DOMAIN there is no address to answer to, and calendars are PUBLISH. */
export const WITHOUT_INBOUND_DOMAIN = { INBOUND_DOMAIN: '' };

export function depsWithoutInboundDomain(deps: Deps): Deps {
  return { ...deps, config: { ...deps.config, inboundDomain: undefined } };
}

export function decodeAttachment(contentBase64: string): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0)));
}

type Mail = Awaited<ReturnType<typeof mailFor>>[number];

/** The calendar file a mail carries, parsed with ical.js (its attachment, VCALENDAR and VEVENT), or null when none. */
export function calendarParts(mail: Mail) {
  const attachment = mail.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) return null;
  const component = new ICAL.Component(ICAL.parse(decodeAttachment(attachment.contentBase64)));
  return { attachment, component, event: component.getFirstSubcomponent('vevent')! };
}
