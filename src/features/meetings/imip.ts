/**
 * Reads an iMIP reply (RFC 6047: a calendar object with METHOD:REPLY, as Outlook, 钉钉, QQ Mail or Gmail send when
 * the invitee presses Accept, Tentative or Decline): the event's UID and each ATTENDEE with its PARTSTAT. Only what
 * an RSVP needs; a small reader because ical.js is not a runtime dependency and a reply is a dozen lines.
 */

export type ReplyAttendee = { email: string; partstat: string };
export type CalendarReply = { method: string; uid: string; attendees: ReplyAttendee[]; comment: string };

/** A content line: name, parameters (values may be quoted and hold `;` or `:`), value. */
const contentLineRe = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/;
const parameterRe = /;([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)/g;
const mailtoRe = /^mailto:/i;

type ContentLine = { name: string; params: Record<string, string>; value: string };

/** Lines folded with CRLF (or a bare LF) followed by a space or a tab are one line. */
function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

function contentLine(line: string): ContentLine | null {
  const match = contentLineRe.exec(line);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const p of match[2]!.matchAll(parameterRe)) params[p[1]!.toUpperCase()] = p[2]!.replace(/^"|"$/g, '');
  return { name: match[1]!.toUpperCase(), params, value: match[3]! };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** The reply in an iCalendar text, or null when it holds no VEVENT with a UID. */
export function parseCalendarReply(ics: string): CalendarReply | null {
  let method = '';
  let uid = '';
  let comment = '';
  const attendees: ReplyAttendee[] = [];
  let depth = 0;
  let inEvent = false;
  let eventsSeen = 0;
  for (const raw of unfold(ics)) {
    const line = contentLine(raw.trim());
    if (!line) continue;
    if (line.name === 'BEGIN') {
      depth++;
      if (line.value.toUpperCase() === 'VEVENT' && eventsSeen === 0) inEvent = true;
      continue;
    }
    if (line.name === 'END') {
      depth--;
      if (line.value.toUpperCase() === 'VEVENT' && inEvent) {
        inEvent = false;
        eventsSeen++;
      }
      continue;
    }
    if (line.name === 'METHOD' && depth === 1) method = line.value.trim().toUpperCase();
    if (!inEvent) continue;
    if (line.name === 'UID') uid = line.value.trim();
    else if (line.name === 'COMMENT') comment = unescapeText(line.value).trim();
    else if (line.name === 'ATTENDEE' && mailtoRe.test(line.value.trim())) {
      attendees.push({ email: line.value.trim().replace(mailtoRe, '').toLowerCase(), partstat: (line.params.PARTSTAT ?? 'NEEDS-ACTION').toUpperCase() });
    }
  }
  return uid ? { method, uid, attendees, comment } : null;
}
