/** The attendance list as an Excel workbook: a title, then every invitee and walk-in, their answer, deputy, note and check-in. */
import type { Locale, Translator } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { buildXlsx } from '../../lib/xlsx';
import { deputyLabel, meetingLabel, type MeetingRow } from './mail';
import type { AttendeeRow } from './rsvp';
import { signInSheetTitle } from './sign-in-sheet';

const WIDTHS = [18, 28, 10, 24, 30, 18, 10];
const WORKBOOK_FONT = '等线';

/** User text goes in as shared strings, never formulas, and neutralized for later edits in Excel or WPS (by buildXlsx). */
export function attendanceXlsx(t: Translator, locale: Locale, meeting: MeetingRow, attendees: AttendeeRow[]): Uint8Array {
  const header = [
    t('meetings.attendees.name'),
    t('meetings.attendees.organization'),
    t('meetings.attendees.rsvp'),
    t('meetings.attendees.deputy'),
    t('meetings.attendees.note'),
    t('meetings.attendees.checkedIn'),
    t('meetings.attendees.walkIn'),
  ];
  const rows = attendees.map((a) => [
    a.name,
    a.organization,
    t(`meetings.rsvp.${a.rsvp}`),
    deputyLabel(a),
    a.note,
    a.checkedInAt ? formatDateTime(a.checkedInAt, locale) : '',
    a.walkIn ? t('common.yes') : '',
  ]);
  const { line } = signInSheetTitle(t, locale, meeting);
  const title = { text: t('meetings.attendance.heading', { meeting: meetingLabel(t, meeting) }), lines: [line] };
  return buildXlsx([{ name: t('meetings.sheet.title'), widths: WIDTHS, header, rows, title }], WORKBOOK_FONT);
}
