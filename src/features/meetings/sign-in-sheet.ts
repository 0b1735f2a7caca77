/**
 * The 签到表 as offices print it: the meeting's name, time and place as a title; 序号, 姓名, 单位, 职务, 联系电话, 签名;
 * everyone expected, then blank rows for walk-ins; rows high enough to sign by hand. Shared by the page and the XLSX.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { meetingAttendees, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { buildXlsx } from '../../lib/xlsx';
import { isSeated, meetingLabel, type MeetingRow } from './mail';

/** Blank rows at the end of the sheet for people who come without an invitation. */
export const WALK_IN_BLANK_ROWS = 10;
/** Points: about 10 mm, enough for a handwritten signature. */
export const SIGN_ROW_HEIGHT = 30;
const WIDTHS = [6, 14, 30, 18, 18, 24];
const WORKBOOK_FONT = '等线';

export type SheetRow = { name: string; organization: string; title: string; phone: string };

/**
 * Everyone expected (attending or maybe) and everyone already checked in, in invitation order. A deputy signs in
 * their own name and title, for the invitee they stand in for; 职务 and 联系电话 come from the directory.
 */
export async function signInSheetRows(deps: Deps, meetingId: string): Promise<SheetRow[]> {
  const rows = await deps.db
    .select({ attendee: meetingAttendees, title: stakeholders.title, phone: stakeholders.phone })
    .from(meetingAttendees)
    .leftJoin(stakeholders, and(eq(stakeholders.id, meetingAttendees.stakeholderId), isNull(stakeholders.erasedAt)))
    .where(and(eq(meetingAttendees.meetingId, meetingId), isNull(meetingAttendees.revokedAt)))
    .orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.id));
  return rows
    .filter(({ attendee: a }) => a.checkedInAt || isSeated(a.rsvp) || a.rsvp === 'maybe')
    .map(({ attendee: a, title, phone }) =>
      a.deputyName
        ? { name: a.deputyName, organization: a.organization, title: a.deputyTitle, phone: '' }
        : { name: a.name, organization: a.organization, title: title ?? '', phone: phone ?? '' },
    );
}

export function signInSheetHeader(t: Translator): string[] {
  return [t('meetings.sheet.seq'), t('meetings.attendees.name'), t('meetings.attendees.organization'), t('meetings.sheet.jobTitle'), t('meetings.sheet.phone'), t('meetings.attendees.signature')];
}

/** The title and the line under it: 第N期早餐会 签到表; time and place. */
export function signInSheetTitle(t: Translator, locale: Locale, meeting: MeetingRow): { title: string; line: string } {
  return {
    title: t('meetings.sheet.heading', { meeting: meetingLabel(t, meeting) }),
    line: t('meetings.sheet.when', { time: meeting.startsAt ? formatDateTime(meeting.startsAt, locale) : t('common.none'), venue: meeting.venue || t('common.none') }),
  };
}

/** The rows as printed: numbered, the blank ones numbered too so walk-ins can be counted. */
export function signInSheetCells(rows: SheetRow[]): string[][] {
  const filled = rows.map((r, i) => [String(i + 1), r.name, r.organization, r.title, r.phone, '']);
  const blank = Array.from({ length: WALK_IN_BLANK_ROWS }, (_, i) => [String(rows.length + i + 1), '', '', '', '', '']);
  return [...filled, ...blank];
}

export function signInSheetXlsx(t: Translator, locale: Locale, meeting: MeetingRow, rows: SheetRow[]): Uint8Array {
  const { title, line } = signInSheetTitle(t, locale, meeting);
  return buildXlsx(
    [{ name: t('meetings.sheet.title'), widths: WIDTHS, header: signInSheetHeader(t), rows: signInSheetCells(rows), title: { text: title, lines: [line] }, rowHeight: SIGN_ROW_HEIGHT }],
    WORKBOOK_FONT,
  );
}
