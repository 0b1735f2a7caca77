/** The confirmations before a meeting change mails its invitees: an update of time or place, a cancellation. Pure views. */
import { ConfirmPage } from '../../ui/confirm-page';
import type { PageContext } from '../../ui/layout';
import { meetingLabel, type CalendarField, type MeetingRow } from './mail';

const FIELD_LABELS: Record<CalendarField, 'meetings.field.name' | 'meetings.field.startsAt' | 'meetings.field.durationMinutes' | 'meetings.field.venue' | 'meetings.field.address' | 'meetings.field.directions'> = {
  title: 'meetings.field.name',
  startsAt: 'meetings.field.startsAt',
  durationMinutes: 'meetings.field.durationMinutes',
  venue: 'meetings.field.venue',
  address: 'meetings.field.address',
  directions: 'meetings.field.directions',
};

type UpdateProps = {
  page: PageContext;
  meeting: MeetingRow;
  plan: { changed: readonly CalendarField[]; timeFixed: boolean };
  recipients: number;
  /** The form as posted, sent again with the confirmation. */
  fields: Record<string, string | string[]>;
};

export function UpdateConfirmPage({ page, meeting, plan, recipients, fields }: UpdateProps) {
  const { t, locale } = page;
  const separator = locale === 'en' ? ', ' : '、';
  const consequence = plan.timeFixed
    ? t('meetings.update.willInvite', { count: recipients })
    : t('meetings.update.willMail', { count: recipients, fields: plan.changed.map((field) => t(FIELD_LABELS[field])).join(separator) });
  return (
    <ConfirmPage
      page={page}
      nav="meetings"
      title={t('meetings.update.confirmTitle', { title: meetingLabel(t, meeting) })}
      consequences={[consequence]}
      action={`/meetings/${meeting.id}`}
      fields={fields}
      confirmLabel={t('meetings.update.confirm', { count: recipients })}
      cancelHref={`/meetings/${meeting.id}/edit`}
    />
  );
}

export function CancelConfirmPage({ page, meeting, recipients }: { page: PageContext; meeting: MeetingRow; recipients: number }) {
  const { t } = page;
  return (
    <ConfirmPage
      page={page}
      nav="meetings"
      title={t('meetings.cancel.confirmTitle', { title: meetingLabel(t, meeting) })}
      consequences={[recipients > 0 ? t('meetings.cancel.willMail', { count: recipients }) : t('meetings.cancel.noMail'), t('meetings.cancel.final')]}
      action={`/meetings/${meeting.id}/cancel`}
      confirmLabel={t('meetings.actions.cancel.confirm')}
      cancelHref={`/meetings/${meeting.id}`}
      danger
    />
  );
}
