/** The meeting page: facts, answers as counts and lists, the time poll's tally, the organizer's actions. Pure view. */
import type { RsvpAnswer } from '../../db/schema';
import { formatDateTime, formatTime } from '../../lib/time';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { deputyLabel, meetingLabel, type MeetingRow } from './mail';
import type { TallyRow } from './poll';
import type { AttendeeRow } from './rsvp';
import type { MeetingCounts } from './service';
import { StatusBadge, when, type Flash } from './views';
import { TableWrap } from '../../ui/table-wrap';

type Props = {
  page: PageContext;
  meeting: MeetingRow;
  counts: MeetingCounts;
  attendees: AttendeeRow[];
  tally: TallyRow[];
  opinions: { id: string; authorName: string; authorOrganization: string; text: string }[];
  roundTitle: string | null;
  canChange: boolean;
  flash: Flash | null;
};

const ANSWER_ORDER: RsvpAnswer[] = ['attend', 'delegate', 'waitlist', 'maybe', 'pending', 'decline'];

export function MeetingFacts({ page, meeting, roundTitle }: { page: PageContext; meeting: MeetingRow; roundTitle: string | null }) {
  const { t } = page;
  const end = meeting.startsAt ? new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000) : null;
  const rows: [string, string][] = [
    [t('meetings.field.startsAt'), meeting.startsAt && end ? t('meetings.time.range', { start: formatDateTime(meeting.startsAt, page.locale), end: formatTime(end, page.locale) }) : when(page, meeting)],
    [t('meetings.field.venue'), meeting.venue],
    [t('meetings.field.address'), meeting.address],
    [t('meetings.field.directions'), meeting.directions],
    [t('meetings.field.topic'), meeting.topic],
    [t('meetings.field.host'), meeting.host],
    [t('meetings.field.capacity'), String(meeting.capacity)],
    [t('meetings.field.round'), roundTitle ?? ''],
  ];
  return (
    <dl class="facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
    </dl>
  );
}

/** Revoke and reissue for an invitee's RSVP link (walk-ins have none). */
function LinkActions({ page, base, attendee, reissue }: { page: PageContext; base: string; attendee: AttendeeRow; reissue: boolean }) {
  const { t } = page;
  const action = `${base}/attendees/${attendee.id}`;
  return (
    <div class="button-row">
      {attendee.revokedAt ? null : (
        <form method="post" action={`${action}/revoke`} class="inline-form">
          <button type="submit" class="button button--quiet">{t('meetings.link.revoke')}</button>
        </form>
      )}
      {reissue ? (
        <form method="post" action={`${action}/reissue`} class="inline-form">
          <button type="submit" class="button button--quiet">{t('meetings.link.reissue')}</button>
        </form>
      ) : null}
    </div>
  );
}

function deputy(a: AttendeeRow): string {
  return a.deputyName ? deputyLabel(a) : '';
}

export function MeetingPage({ page, meeting, counts, attendees, tally, opinions, roundTitle, canChange, flash }: Props) {
  const { t } = page;
  const label = meetingLabel(t, meeting);
  const sorted = [...attendees].sort((a, b) => ANSWER_ORDER.indexOf(a.rsvp) - ANSWER_ORDER.indexOf(b.rsvp) || a.name.localeCompare(b.name, 'zh-CN'));
  const base = `/meetings/${meeting.id}`;
  const countItems: [string, number][] = [
    [t('meetings.counts.invited'), counts.invited],
    [t('meetings.counts.attend'), counts.attend],
    [t('meetings.counts.delegate'), counts.delegate],
    [t('meetings.counts.waitlist'), counts.waitlist],
    [t('meetings.counts.maybe'), counts.maybe],
    [t('meetings.counts.pending'), counts.pending],
    [t('meetings.counts.decline'), counts.decline],
    [t('meetings.counts.checkedIn'), counts.checkedIn],
  ];
  return (
    <Layout page={page} title={label} nav="meetings">
      <div class="page-head">
        <h1>{label}</h1>
        <StatusBadge page={page} status={meeting.status} />
      </div>
      {flash ? <Notice kind={flash.kind ?? 'success'}>{flash.text}</Notice> : null}
      <section class="panel">
        <MeetingFacts page={page} meeting={meeting} roundTitle={roundTitle} />
        {meeting.agenda ? (
          <>
            <h2>{t('meetings.field.agenda')}</h2>
            <p class="meeting-text">{meeting.agenda}</p>
          </>
        ) : null}
      </section>
      <nav class="button-row" aria-label={t('common.actions')}>
        {canChange && meeting.status !== 'cancelled' ? (
          <>
            <a class="button" href={`${base}/invite`}>{t('meetings.actions.invite')}</a>
            <a class="button button--secondary" href={`${base}/edit`}>{t('meetings.actions.edit')}</a>
            <a class="button button--secondary" href={`${base}/check-in`}>{t('meetings.actions.checkIn')}</a>
            <a class="button button--secondary" href={`${base}/minutes`}>{t('meetings.actions.minutes')}</a>
          </>
        ) : null}
        <a class="button button--quiet" href={`${base}/sign-in-sheet`}>{t('meetings.actions.signInSheet')}</a>
        <a class="button button--quiet" href={`${base}/attendance.xlsx`}>{t('meetings.actions.xlsx')}</a>
      </nav>

      {tally.length > 0 ? (
        <section class="panel">
          <h2>{t('meetings.poll.title')}</h2>
          <p class="muted">{t('meetings.poll.hint')}</p>
          <TableWrap>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('meetings.field.startsAt')}</th>
                  <th scope="col" class="num">{t('meetings.poll.yes')}</th>
                  <th scope="col" class="num">{t('meetings.poll.if_need_be')}</th>
                  <th scope="col" class="num">{t('meetings.poll.no')}</th>
                  {canChange && meeting.startsAt === null ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {tally.map((row) => (
                  <tr>
                    <td>{formatDateTime(row.startsAt, page.locale)}</td>
                    <td class="num">{row.yes}</td>
                    <td class="num">{row.ifNeedBe}</td>
                    <td class="num">{row.no}</td>
                    {canChange && meeting.startsAt === null && meeting.status === 'scheduled' ? (
                      <td>
                        <form method="post" action={`${base}/poll/pick`} class="inline-form">
                          <input type="hidden" name="optionId" value={row.id} />
                          <button type="submit" class="button--secondary">{t('meetings.poll.pick')}</button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      <h2>{t('meetings.counts.caption')}</h2>
      <ul class="meeting-counts">
        {countItems.map(([name, value]) => (
          <li>
            <span class="meeting-counts__value">{value}</span> <span>{name}</span>
          </li>
        ))}
      </ul>

      <h2>{t('meetings.attendees.title')}</h2>
      {sorted.length === 0 ? (
        <p>{t('meetings.attendees.none')}</p>
      ) : (
        <TableWrap>
          <table class="table responsive">
            <thead>
              <tr>
                <th scope="col">{t('meetings.attendees.name')}</th>
                <th scope="col">{t('meetings.attendees.organization')}</th>
                <th scope="col">{t('meetings.attendees.rsvp')}</th>
                <th scope="col">{t('meetings.attendees.deputy')}</th>
                <th scope="col">{t('meetings.attendees.note')}</th>
                <th scope="col">{t('meetings.attendees.checkedIn')}</th>
                {canChange ? <th scope="col">{t('meetings.attendees.link')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr>
                  <td data-label={t('meetings.attendees.name')}>
                    {a.name}
                    {a.walkIn ? <span class="badge"> {t('meetings.attendees.walkIn')}</span> : null}
                    {a.revokedAt ? <span class="badge badge--error"> {t('meetings.attendees.revoked')}</span> : null}
                  </td>
                  <td data-label={t('meetings.attendees.organization')}>{a.organization}</td>
                  <td data-label={t('meetings.attendees.rsvp')}>{t(`meetings.rsvp.${a.rsvp}`)}</td>
                  <td data-label={t('meetings.attendees.deputy')}>{deputy(a)}</td>
                  <td data-label={t('meetings.attendees.note')}>{a.note}</td>
                  <td data-label={t('meetings.attendees.checkedIn')}>{a.checkedInAt ? formatTime(a.checkedInAt, page.locale) : ''}</td>
                  {canChange ? (
                    <td data-label={t('meetings.attendees.link')}>
                      {a.tokenHash && a.stakeholderId ? <LinkActions page={page} base={base} attendee={a} reissue={meeting.status === 'scheduled'} /> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {meeting.minutesSummary || opinions.length ? (
        <section class="panel">
          <h2>{t('meetings.minutes.summary')}</h2>
          {meeting.minutesSummary ? <p class="meeting-text">{meeting.minutesSummary}</p> : null}
          {opinions.length ? (
            <>
              <h3>{t('meetings.minutes.recorded')}</h3>
              <ul>
                {opinions.map((o) => (
                  <li>
                    <strong>{[o.authorName, o.authorOrganization].filter(Boolean).join('，')}</strong>：{o.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {canChange && meeting.status === 'scheduled' ? (
        // The button asks first: the next page says how many invitees will be told.
        <form method="post" action={`${base}/cancel`} class="panel narrow">
          <button type="submit" class="button--danger">{t('meetings.actions.cancel')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
