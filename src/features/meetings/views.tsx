/** Staff pages of meetings: the list, the meeting form (with candidate times), the invitation form. Pure views. */
import { STAKEHOLDER_CATEGORIES, type MeetingStatus } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import type { PickerData } from '../rounds/audience-picker';
import { AudiencePicker } from '../rounds/audience-picker-view';
import { CheckboxField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { meetingLabel, type MeetingRow } from './mail';
import {
  ADDRESS_MAX,
  AGENDA_MAX,
  DIRECTIONS_MAX,
  HOST_MAX,
  POLL_MAX,
  SERIES_MAX,
  TITLE_MAX,
  TOPIC_MAX,
  VENUE_MAX,
} from './schemas';
import type { MeetingCounts } from './service';
import { PageHead } from '../../ui/page-head';
import { TableWrap } from '../../ui/table-wrap';

export type Flash = { text: string; kind?: 'info' | 'success' | 'warning' };

export function StatusBadge({ page, status }: { page: PageContext; status: MeetingStatus }) {
  const kind = status === 'scheduled' ? 'badge badge--ok' : status === 'cancelled' ? 'badge badge--error' : 'badge';
  return <span class={kind}>{page.t(`meetings.status.${status}`)}</span>;
}

export function when(page: PageContext, meeting: MeetingRow): string {
  return meeting.startsAt ? formatDateTime(meeting.startsAt, page.locale) : page.t('meetings.pollPending');
}

type ListRow = { meeting: MeetingRow; counts: MeetingCounts };

function MeetingTable({ page, rows, caption }: { page: PageContext; rows: ListRow[]; caption: string }) {
  const { t } = page;
  if (rows.length === 0) return <p>{t('meetings.none')}</p>;
  return (
    <TableWrap>
      <table class="table responsive">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.field.title')}</th>
            <th scope="col">{t('meetings.field.startsAt')}</th>
            <th scope="col">{t('meetings.field.venue')}</th>
            <th scope="col">{t('meetings.field.status')}</th>
            <th scope="col" class="num">{t('meetings.counts.attend')}</th>
            <th scope="col" class="num">{t('meetings.counts.invited')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ meeting, counts }) => (
            <tr>
              <td data-label={t('meetings.field.title')}>
                <a href={`/meetings/${meeting.id}`}>{meetingLabel(t, meeting)}</a>
              </td>
              <td data-label={t('meetings.field.startsAt')}>{when(page, meeting)}</td>
              <td data-label={t('meetings.field.venue')}>{meeting.venue}</td>
              <td data-label={t('meetings.field.status')}>
                <StatusBadge page={page} status={meeting.status} />
              </td>
              <td data-label={t('meetings.counts.attend')} class="num">{`${counts.seated} / ${meeting.capacity}`}</td>
              <td data-label={t('meetings.counts.invited')} class="num">{counts.invited}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function MeetingListPage({ page, upcoming, past, canChange }: { page: PageContext; upcoming: ListRow[]; past: ListRow[]; canChange: boolean }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('meetings.title')} nav="meetings">
      <PageHead title={t('meetings.title')} action={canChange ? { href: '/meetings/new', label: t('meetings.new') } : null} />
      <h2>{t('meetings.upcoming')}</h2>
      <MeetingTable page={page} rows={upcoming} caption={t('meetings.upcoming')} />
      <h2>{t('meetings.past')}</h2>
      <MeetingTable page={page} rows={past} caption={t('meetings.past')} />
    </Layout>
  );
}

export type MeetingFormValues = {
  series: string;
  title: string;
  topic: string;
  startsAt: string;
  durationMinutes: string;
  venue: string;
  address: string;
  directions: string;
  capacity: string;
  agenda: string;
  host: string;
  roundId: string;
  pollTimes: string[];
  /** The organizer said the start is in the past on purpose (recording a meeting already held). */
  recordPast: boolean;
};

type FormProps = {
  page: PageContext;
  action: string;
  heading: string;
  values: MeetingFormValues;
  errors?: FieldErrors;
  rounds: { id: string; title: string }[];
  /** A new meeting names its series and may poll for a time; an existing one keeps both. */
  isNew: boolean;
  /** Offered once a past start was refused, so that recording a held meeting is a choice said aloud. */
  offerRecordPast?: boolean;
};

export function MeetingFormPage({ page, action, heading, values, errors, rounds, isNew, offerRecordPast = values.recordPast }: FormProps) {
  const { t } = page;
  const opt = t('common.optional');
  const max = (n: number) => t('common.charactersMax', { max: n });
  return (
    <Layout page={page} title={heading} nav="meetings">
      <h1>{heading}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={action} class="panel narrow meeting-form">
        {isNew ? <TextField name="series" label={t('meetings.field.series')} hint={t('meetings.field.series.hint')} value={values.series} error={errors?.series} required maxLength={SERIES_MAX} /> : null}
        <TextField name="title" label={t('meetings.field.name')} value={values.title} error={errors?.title} required maxLength={TITLE_MAX} />
        <TextField name="topic" label={t('meetings.field.topic')} optionalLabel={opt} value={values.topic} error={errors?.topic} maxLength={TOPIC_MAX} />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t('meetings.field.startsAt')}
          hint={isNew ? t('meetings.field.startsAt.hint') : undefined}
          value={values.startsAt}
          error={errors?.startsAt}
          required={!isNew}
        />
        {offerRecordPast ? <CheckboxField name="recordPast" label={t('meetings.field.recordPast')} checked={values.recordPast} /> : null}
        {isNew ? (
          <fieldset>
            <legend>{t('meetings.poll.legend')}</legend>
            {errors?.pollTimes ? <p class="field__error">{errors.pollTimes}</p> : null}
            {Array.from({ length: POLL_MAX }, (_, i) => (
              <div class="field">
                <label for={`pollTimes-${i + 1}`}>{t('meetings.poll.option', { n: i + 1 })}</label>
                <input id={`pollTimes-${i + 1}`} name="pollTimes" type="datetime-local" value={values.pollTimes[i] ?? ''} />
              </div>
            ))}
          </fieldset>
        ) : null}
        <TextField name="durationMinutes" type="number" label={t('meetings.field.durationMinutes')} value={values.durationMinutes} error={errors?.durationMinutes} required />
        <TextField name="venue" label={t('meetings.field.venue')} value={values.venue} error={errors?.venue} required maxLength={VENUE_MAX} />
        <TextField name="address" label={t('meetings.field.address')} optionalLabel={opt} value={values.address} error={errors?.address} maxLength={ADDRESS_MAX} />
        <TextArea name="directions" label={t('meetings.field.directions')} optionalLabel={opt} hint={max(DIRECTIONS_MAX)} value={values.directions} error={errors?.directions} maxLength={DIRECTIONS_MAX} rows={3} />
        <TextField name="capacity" type="number" label={t('meetings.field.capacity')} value={values.capacity} error={errors?.capacity} required />
        <TextArea name="agenda" label={t('meetings.field.agenda')} optionalLabel={opt} hint={max(AGENDA_MAX)} value={values.agenda} error={errors?.agenda} maxLength={AGENDA_MAX} rows={5} />
        <TextField name="host" label={t('meetings.field.host')} optionalLabel={opt} value={values.host} error={errors?.host} maxLength={HOST_MAX} />
        <SelectField
          name="roundId"
          label={t('meetings.field.round')}
          optionalLabel={opt}
          value={values.roundId}
          error={errors?.roundId}
          emptyLabel={t('meetings.field.round.none')}
          options={rounds.map((r) => ({ value: r.id, label: r.title }))}
        />
        <div class="button-row">
          <button type="submit">{t('common.save')}</button>
          <a class="button button--quiet" href={isNew ? '/meetings' : action}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export type InviteValues = { categories: string[]; tags: string; stakeholderIds: string[] };

export function InvitePage({
  page,
  meeting,
  values,
  errors,
  stakeholders,
  flash,
}: {
  page: PageContext;
  meeting: MeetingRow;
  values: InviteValues;
  errors?: FieldErrors;
  /** The hand-picked invitees and the directory search. */
  stakeholders: PickerData;
  flash?: Flash | null;
}) {
  const { t } = page;
  const heading = t('meetings.invite.title', { title: meetingLabel(t, meeting) });
  return (
    <Layout page={page} title={heading} nav="meetings">
      <h1>{heading}</h1>
      {flash ? <Notice kind={flash.kind}>{flash.text}</Notice> : null}
      <ErrorSummary t={t} errors={errors} />
      <p>{t('meetings.invite.intro')}</p>
      <form method="post" action={`/meetings/${meeting.id}/invitations`} class="panel">
        {/* Enter in a field searches (never invites): the picker's remove buttons must not be the form's default. */}
        <button type="submit" name="pickSearch" value="1" class="visually-hidden" tabindex={-1} aria-hidden="true">
          {t('rounds.picker.search')}
        </button>
        <fieldset>
          <legend>{t('meetings.invite.categories')}</legend>
          {STAKEHOLDER_CATEGORIES.map((category) => (
            <div class="field field--checkbox">
              <input id={`category-${category}`} type="checkbox" name="categories" value={category} checked={values.categories.includes(category)} />
              <label for={`category-${category}`}>{t(`category.${category}`)}</label>
            </div>
          ))}
        </fieldset>
        <TextField name="tags" label={t('meetings.invite.tags')} hint={t('meetings.invite.tags.hint')} value={values.tags} error={errors?.tags} />
        <AudiencePicker page={page} data={stakeholders} action={`/meetings/${meeting.id}/invitations`} legend={t('meetings.invite.people')} queryError={errors?.pickQuery} />
        <div class="button-row">
          <button type="submit">{t('meetings.invite.submit')}</button>
          <a class="button button--quiet" href={`/meetings/${meeting.id}`}>
            {t('common.back')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
