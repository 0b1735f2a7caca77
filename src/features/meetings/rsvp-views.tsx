/** The invitee's page behind /m/<token>: the meeting, the answer form, the time poll, the check-in code and QR. Pure views. */
import { raw } from 'hono/html';
import { POLL_ANSWERS, type PollAnswer } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { WeChatDownloadHint } from '../../ui/wechat';
import { isSeated, meetingLabel } from './mail';
import { MeetingFacts } from './meeting-page';
import type { TimeOption } from './poll';
import type { RsvpLink, RsvpPhase } from './rsvp';
import { DEPUTY_NAME_MAX, DEPUTY_TITLE_MAX, NOTE_MAX, RSVP_CHOICES } from './schemas';
import type { Flash } from './views';

export type RsvpValues = { answer: string; note: string; deputyName: string; deputyTitle: string };

type Props = {
  page: PageContext;
  token: string;
  link: RsvpLink;
  phase: RsvpPhase;
  values: RsvpValues;
  errors?: FieldErrors;
  flash?: Flash | null;
  poll: { options: TimeOption[]; votes: Record<string, PollAnswer> } | null;
  /** The QR code (SVG markup made by uqr from the check-in code), shown while the invitee holds a seat. */
  qrSvg: string | null;
  /** An answer posted after answers closed: shown back, read-only, since the form is gone. */
  unsent?: RsvpValues;
};

/** What was just posted and refused, so nothing typed is lost even without the form. */
function UnsentAnswer({ page, values }: { page: PageContext; values: RsvpValues }) {
  const { t } = page;
  const answer = (RSVP_CHOICES as readonly string[]).includes(values.answer) ? t(`meetings.rsvp.${values.answer as (typeof RSVP_CHOICES)[number]}`) : '';
  const rows: [string, string][] = [
    [t('meetings.rsvp.answer'), answer],
    [t('meetings.rsvp.note'), values.note],
    [t('meetings.rsvp.deputyName'), values.deputyName],
    [t('meetings.rsvp.deputyTitle'), values.deputyTitle],
  ];
  const given = rows.filter(([, value]) => value.trim() !== '');
  if (!given.length) return null;
  return (
    <section class="panel">
      <h2>{t('meetings.rsvp.unsent')}</h2>
      <dl class="facts">{given.map(([label, value]) => [<dt>{label}</dt>, <dd>{value}</dd>])}</dl>
    </section>
  );
}

export function RsvpPage({ page, token, link, phase, values, errors, flash, poll, qrSvg, unsent }: Props) {
  const { t } = page;
  const { meeting, attendee } = link;
  const label = meetingLabel(t, meeting);
  const base = `/m/${token}`;
  return (
    <Layout page={page} title={label} noindex>
      <h1>{label}</h1>
      {phase === 'cancelled' ? <Notice kind="warning">{t('meetings.rsvp.cancelled')}</Notice> : null}
      {phase === 'closed' ? <Notice kind="info">{t('meetings.rsvp.closed')}</Notice> : null}
      {flash ? <Notice kind={flash.kind ?? 'success'}>{flash.text}</Notice> : null}
      <p>{t('meetings.email.greeting', { name: attendee.name })}</p>
      <section class="panel">
        <MeetingFacts page={page} meeting={meeting} roundTitle={null} />
        {meeting.agenda ? <p class="meeting-text">{t('common.labelled', { label: t('meetings.field.agenda'), text: meeting.agenda })}</p> : null}
        {meeting.startsAt && phase !== 'cancelled' ? (
          <>
            <p>
              <a class="button button--quiet" href={`${base}/invite.ics`} download>
                {t('meetings.rsvp.calendar')}
              </a>
            </p>
            <WeChatDownloadHint t={t} inWeChat={page.inWeChat} />
          </>
        ) : null}
      </section>

      {isSeated(attendee.rsvp) && phase !== 'cancelled' ? (
        <section class="panel check-in-card">
          <h2>{t('meetings.checkIn.code')}</h2>
          <p class="check-in-card__code">{attendee.checkInCode}</p>
          {qrSvg ? (
            <figure class="check-in-card__qr" role="img" aria-label={t('meetings.checkIn.qr')}>
              {raw(qrSvg)}
            </figure>
          ) : null}
        </section>
      ) : null}

      {poll && phase === 'open' ? (
        <form method="post" action={`${base}/poll`} class="panel">
          <h2>{t('meetings.poll.title')}</h2>
          {poll.options.map((option) => (
            <fieldset>
              <legend>{formatDateTime(option.startsAt, page.locale)}</legend>
              <div class="rsvp-choices">
                {POLL_ANSWERS.map((answer) => (
                  <div class="field field--checkbox">
                    <input id={`vote-${option.id}-${answer}`} type="radio" name={`vote.${option.id}`} value={answer} checked={poll.votes[option.id] === answer} />
                    <label for={`vote-${option.id}-${answer}`}>{t(`meetings.poll.${answer}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="submit" class="button--secondary">{t('meetings.poll.vote')}</button>
        </form>
      ) : null}

      <section class="panel">
        <h2>{t('meetings.rsvp.heading')}</h2>
        <p>{t('meetings.rsvp.current', { answer: t(`meetings.rsvp.${attendee.rsvp}`) })}</p>
        {phase === 'open' ? (
          <form method="post" action={base}>
            <ErrorSummary t={t} errors={errors} />
            <fieldset class={errors?.answer ? 'field--error' : undefined}>
              <legend>{t('meetings.rsvp.answer')}</legend>
              {errors?.answer ? <p class="field__error">{errors.answer}</p> : null}
              <div class="rsvp-choices">
                {RSVP_CHOICES.map((choice) => (
                  <div class="field field--checkbox">
                    <input id={`answer-${choice}`} type="radio" name="answer" value={choice} checked={values.answer === choice} required />
                    <label for={`answer-${choice}`}>{t(`meetings.rsvp.${choice}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextField name="note" label={t('meetings.rsvp.note')} optionalLabel={t('common.optional')} value={values.note} error={errors?.note} maxLength={NOTE_MAX} />
            <fieldset>
              <legend>{t('meetings.rsvp.deputy.legend')}</legend>
              <TextField name="deputyName" label={t('meetings.rsvp.deputyName')} value={values.deputyName} error={errors?.deputyName} maxLength={DEPUTY_NAME_MAX} />
              <TextField name="deputyTitle" label={t('meetings.rsvp.deputyTitle')} value={values.deputyTitle} error={errors?.deputyTitle} maxLength={DEPUTY_TITLE_MAX} />
            </fieldset>
            <button type="submit">{t('meetings.rsvp.submit')}</button>
          </form>
        ) : null}
      </section>
      {unsent ? <UnsentAnswer page={page} values={unsent} /> : null}
    </Layout>
  );
}

export function RsvpNotFoundPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('meetings.rsvp.notFound.title')} noindex>
      <section class="panel">
        <h1>{t('meetings.rsvp.notFound.title')}</h1>
        <p>{t('meetings.rsvp.notFound.body')}</p>
      </section>
    </Layout>
  );
}
