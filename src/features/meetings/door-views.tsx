/** At the door and on paper: the organizer's phone check-in page and the printable sign-in sheet (签到表). Pure views. */
import type { FieldErrors } from '../../lib/result';
import { formatDate, formatDateTime, formatTime } from '../../lib/time';
import { ErrorSummary, Notice, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { deputyLabel, meetingLabel, type MeetingRow } from './mail';
import type { AttendeeRow } from './rsvp';
import { CHECK_IN_CODE_LENGTH, WALK_IN_NAME_MAX, WALK_IN_ORGANIZATION_MAX } from './schemas';
import type { Flash } from './views';
import { TableWrap } from '../../ui/table-wrap';
import { signInSheetCells, signInSheetHeader, signInSheetTitle, type SheetRow } from './sign-in-sheet';

type CheckInProps = {
  page: PageContext;
  meeting: MeetingRow;
  code: string;
  flash: Flash | null;
  errors?: FieldErrors;
  walkIn?: { name: string; organization: string };
  walkInErrors?: FieldErrors;
  progress: { checkedIn: number; attend: number };
  /** False before the meeting's day (or while its time is polled): the page says when check-in opens instead. */
  open: boolean;
};

/** Why the door is closed: the meeting's day is ahead, or its time is not fixed. */
function NotOpenNotice({ page, meeting }: { page: PageContext; meeting: MeetingRow }) {
  const { t, locale } = page;
  return (
    <Notice kind="warning">
      {meeting.startsAt ? t('meetings.checkIn.notYet', { date: formatDate(meeting.startsAt, locale), time: formatTime(meeting.startsAt, locale) }) : t('meetings.checkIn.noTime')}
    </Notice>
  );
}

export function CheckInPage({ page, meeting, code, flash, errors, walkIn, walkInErrors, progress, open }: CheckInProps) {
  const { t } = page;
  const heading = t('meetings.checkIn.title', { title: meetingLabel(t, meeting) });
  const base = `/meetings/${meeting.id}`;
  if (!open) {
    return (
      <Layout page={page} title={heading} nav="meetings">
        <h1>{heading}</h1>
        <NotOpenNotice page={page} meeting={meeting} />
        <p>
          <a href={base}>{t('common.back')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout page={page} title={heading} nav="meetings">
      <h1>{heading}</h1>
      <p class="muted">{t('meetings.checkIn.progress', progress)}</p>
      {flash ? <Notice kind={flash.kind ?? 'success'}>{flash.text}</Notice> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`${base}/check-in`} class="panel narrow check-in-form">
        <div class={errors?.code ? 'field field--error' : 'field'}>
          <label for="code">{t('meetings.checkIn.code')}</label>
          <p class="field__hint" id="code-hint">
            {t('meetings.checkIn.codeHint')}
          </p>
          {errors?.code ? (
            <p class="field__error" id="code-error">
              {errors.code}
            </p>
          ) : null}
          <input
            id="code"
            name="code"
            type="text"
            class="check-in-code"
            value={code}
            required
            autofocus
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            inputmode="text"
            maxlength={CHECK_IN_CODE_LENGTH * 2}
            aria-describedby={errors?.code ? 'code-hint code-error' : 'code-hint'}
            aria-invalid={errors?.code ? 'true' : undefined}
          />
        </div>
        <button type="submit">{t('meetings.checkIn.submit')}</button>
      </form>
      <h2>{t('meetings.checkIn.walkIn')}</h2>
      <ErrorSummary t={t} errors={walkInErrors} />
      <form method="post" action={`${base}/walk-ins`} class="panel narrow">
        <TextField name="name" label={t('meetings.checkIn.walkInName')} value={walkIn?.name} error={walkInErrors?.name} required maxLength={WALK_IN_NAME_MAX} />
        <TextField name="organization" label={t('meetings.checkIn.walkInOrganization')} optionalLabel={t('common.optional')} value={walkIn?.organization} error={walkInErrors?.organization} maxLength={WALK_IN_ORGANIZATION_MAX} />
        <button type="submit" class="button--secondary">{t('meetings.checkIn.walkInSubmit')}</button>
      </form>
      <p>
        <a href={base}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}

/** The 签到表 to print: title, time and place, the expected, blank rows for walk-ins; the header repeats on every page. */
export function SignInSheetPage({ page, meeting, rows }: { page: PageContext; meeting: MeetingRow; rows: SheetRow[] }) {
  const { t } = page;
  const { title, line } = signInSheetTitle(t, page.locale, meeting);
  return (
    <Layout page={page} title={title} nav="meetings">
      <div class="sign-in-sheet">
        <h1>{title}</h1>
        <p>{line}</p>
        <TableWrap>
        <table class="table sign-in-sheet__table">
          <thead>
            <tr>
              {signInSheetHeader(t).map((label, i) => (
                <th scope="col" class={i === 0 ? 'num' : i === 5 ? 'sign-in-sheet__signature' : undefined}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {signInSheetCells(rows).map(([seq, ...cells]) => (
              <tr>
                <td class="num">{seq}</td>
                {cells.map((cell) => (
                  <td>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </TableWrap>
        <div class="button-row">
          {/* Shown by app.js, which prints on click: inline scripts are forbidden by the CSP. */}
          <button type="button" class="button" data-print hidden>
            {t('meetings.sheet.print')}
          </button>
          <a class="button button--secondary" href={`/meetings/${meeting.id}/sign-in-sheet.xlsx`}>
            {t('meetings.sheet.xlsx')}
          </a>
          <a class="button button--quiet" href={`/meetings/${meeting.id}`}>
            {t('common.back')}
          </a>
        </div>
      </div>
    </Layout>
  );
}
