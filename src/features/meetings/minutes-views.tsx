/** The minutes form: attendance ticks, a summary, and rows for the opinions heard. Pure view. */
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { sectionDisplayName, type NamedSection } from '../rounds/section-name';
import { ErrorSummary, Notice, TextArea } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { deputyLabel, meetingLabel, type MeetingRow } from './mail';
import type { AttendeeRow } from './rsvp';
import { MINUTES_SUMMARY_MAX, OPINION_TEXT_MAX, WALK_IN_NAME_MAX, WALK_IN_ORGANIZATION_MAX } from './schemas';

/** Blank opinion rows offered each time; saving again adds more. */
export const MINUTES_BLANK_ROWS = 5;

export type MinutesOpinionValues = { attendeeId: string; sectionId: string; name: string; organization: string; text: string };
export type MinutesValues = { summary: string; present: string[]; opinions: MinutesOpinionValues[] };

type Props = {
  page: PageContext;
  meeting: MeetingRow;
  attendees: AttendeeRow[];
  values: MinutesValues;
  errors?: FieldErrors;
  warning?: string | null;
  recorded: { id: string; authorName: string; authorOrganization: string; text: string }[];
  /** The sections of the meeting's round (none when it is tied to no round). */
  sections: (NamedSection & { id: string })[];
  /** False before the meeting starts: the page says when minutes can be entered instead of showing the form. */
  open: boolean;
};

export function MinutesPage({ page, meeting, attendees, values, errors, warning, recorded, sections, open }: Props) {
  const { t } = page;
  const heading = t('meetings.minutes.title', { title: meetingLabel(t, meeting) });
  const speakers = attendees.filter((a) => a.rsvp !== 'decline' || a.checkedInAt);
  if (!open) {
    return (
      <Layout page={page} title={heading} nav="meetings">
        <h1>{heading}</h1>
        <Notice kind="warning">{meeting.startsAt ? t('meetings.minutes.notYet', { time: formatDateTime(meeting.startsAt, page.locale) }) : t('meetings.error.no_time')}</Notice>
        <p>
          <a href={`/meetings/${meeting.id}`}>{t('common.back')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout page={page} title={heading} nav="meetings">
      <h1>{heading}</h1>
      {warning ? <Notice kind="warning">{warning}</Notice> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/meetings/${meeting.id}/minutes`} class="minutes-form">
        <fieldset class="panel">
          <legend>{t('meetings.minutes.attendance')}</legend>
          {attendees.map((a) => (
            <div class="field field--checkbox">
              <input id={`present-${a.id}`} type="checkbox" name="present" value={a.id} checked={values.present.includes(a.id)} />
              <label for={`present-${a.id}`}>
                {a.name}
                {a.organization ? `（${a.organization}）` : ''}
                {a.deputyName ? ` · ${t('meetings.attendees.deputy')}：${deputyLabel(a)}` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="panel">
          <TextArea name="summary" label={t('meetings.minutes.summary')} optionalLabel={t('common.optional')} value={values.summary} error={errors?.summary} maxLength={MINUTES_SUMMARY_MAX} rows={8} />
        </div>
        <h2>{t('meetings.minutes.opinions')}</h2>
        <p class="muted">{t('meetings.minutes.opinions.hint')}</p>
        {values.opinions.map((o, i) => {
          const prefix = `opinions.${i}`;
          return (
            <fieldset class="panel">
              <legend>{t('meetings.minutes.opinion', { n: i + 1 })}</legend>
              <div class="field">
                <label for={`${prefix}.attendeeId`}>{t('meetings.minutes.speaker')}</label>
                <select id={`${prefix}.attendeeId`} name={`${prefix}.attendeeId`}>
                  <option value="">{t('meetings.minutes.speaker.other')}</option>
                  {speakers.map((a) => (
                    <option value={a.id} selected={o.attendeeId === a.id}>
                      {a.organization ? `${a.name}（${a.organization}）` : a.name}
                    </option>
                  ))}
                </select>
              </div>
              {sections.length ? (
                <div class={errors?.[`${prefix}.sectionId`] ? 'field field--error' : 'field'}>
                  <label for={`${prefix}.sectionId`}>{t('meetings.minutes.section')}</label>
                  {errors?.[`${prefix}.sectionId`] ? <p class="field__error">{errors[`${prefix}.sectionId`]}</p> : null}
                  <select id={`${prefix}.sectionId`} name={`${prefix}.sectionId`}>
                    <option value="">{t('meetings.minutes.section.whole')}</option>
                    {sections.map((s) => (
                      <option value={s.id} selected={o.sectionId === s.id}>
                        {sectionDisplayName(t, s)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <div class={errors?.[`${prefix}.name`] ? 'field field--error' : 'field'}>
                <label for={`${prefix}.name`}>{t('meetings.minutes.speakerName')}</label>
                {errors?.[`${prefix}.name`] ? <p class="field__error">{errors[`${prefix}.name`]}</p> : null}
                <input id={`${prefix}.name`} name={`${prefix}.name`} type="text" value={o.name} maxlength={WALK_IN_NAME_MAX} />
              </div>
              <div class="field">
                <label for={`${prefix}.organization`}>{t('meetings.minutes.speakerOrganization')}</label>
                <input id={`${prefix}.organization`} name={`${prefix}.organization`} type="text" value={o.organization} maxlength={WALK_IN_ORGANIZATION_MAX} />
              </div>
              <div class="field">
                <label for={`${prefix}.text`}>{t('meetings.minutes.text')}</label>
                <textarea id={`${prefix}.text`} name={`${prefix}.text`} rows={3} maxlength={OPINION_TEXT_MAX}>
                  {o.text}
                </textarea>
              </div>
            </fieldset>
          );
        })}
        <div class="button-row">
          <button type="submit">{t('meetings.minutes.save')}</button>
          <a class="button button--quiet" href={`/meetings/${meeting.id}`}>
            {t('common.back')}
          </a>
        </div>
      </form>
      {recorded.length ? (
        <section class="panel">
          <h2>{t('meetings.minutes.recorded')}</h2>
          <ul>
            {recorded.map((o) => (
              <li>
                <strong>{[o.authorName, o.authorOrganization].filter(Boolean).join('，')}</strong>：{o.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
