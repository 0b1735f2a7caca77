/** Pages for opinions: logging one heard offline, a stakeholder's contact log, one response as staff read it. */
import { opinionSectionName, sectionDisplayName } from './section-name';
import { OFFLINE_CHANNELS, STAKEHOLDER_CATEGORIES, type Channel, type StakeholderCategory } from '../../db/schema';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, SelectField, TextArea, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { AttachmentRow } from '../feedback/attachments';
import { sizeText } from '../feedback/attachment-views';
import type { loadResponse } from './board';
import { AUTHOR_NAME_MAX, AUTHOR_ORGANIZATION_MAX, OPINION_TEXT_MAX } from './schemas';
import type { RoundRow, SectionRow } from './service';
import type { StakeholderOption } from './views';
import { TableWrap } from '../../ui/table-wrap';
import { EmailConfirmationBadge } from '../feedback/open-confirmation-views';

export type OfflineOpinionValues = { stakeholderId: string; name: string; organization: string; category: string; channel: string; heardAt: string; sectionId: string; text: string };

type OfflineOpinionPageProps = {
  page: PageContext;
  round: RoundRow;
  sections: SectionRow[];
  stakeholders: StakeholderOption[];
  values: OfflineOpinionValues;
  errors?: FieldErrors;
};

export function OfflineOpinionPage({ page, round, sections, stakeholders, values, errors }: OfflineOpinionPageProps) {
  const { t } = page;
  const heading = t('rounds.opinion.title', { title: round.title });
  const labels = {
    stakeholderId: t('rounds.opinion.stakeholder'),
    name: t('rounds.opinion.name'),
    organization: t('rounds.opinion.organization'),
    channel: t('rounds.opinion.channel'),
    heardAt: t('rounds.opinion.heardAt'),
    sectionId: t('rounds.opinion.section'),
    text: t('rounds.opinion.text'),
  };
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <ErrorSummary t={t} errors={errors} labels={labels} />
      {round.status === 'closed' ? <p class="notice">{t('rounds.opinion.closedNote')}</p> : null}
      <form method="post" action={`/rounds/${round.id}/opinions`} novalidate>
        <SelectField
          name="stakeholderId"
          label={labels.stakeholderId}
          value={values.stakeholderId}
          error={errors?.stakeholderId}
          emptyLabel={t('rounds.opinion.stakeholder.none')}
          options={stakeholders.map((s) => ({ value: s.id, label: s.organization ? `${s.name}（${s.organization}）` : s.name }))}
        />
        <TextField name="name" label={labels.name} value={values.name} error={errors?.name} maxLength={AUTHOR_NAME_MAX} optionalLabel={t('common.optional')} />
        <TextField name="organization" label={labels.organization} value={values.organization} error={errors?.organization} maxLength={AUTHOR_ORGANIZATION_MAX} optionalLabel={t('common.optional')} />
        <SelectField
          name="category"
          label={t('rounds.opinion.category')}
          value={values.category}
          error={errors?.category}
          emptyLabel={t('common.none')}
          options={STAKEHOLDER_CATEGORIES.map((c: StakeholderCategory) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <SelectField
          name="channel"
          label={labels.channel}
          value={values.channel}
          error={errors?.channel}
          required
          options={OFFLINE_CHANNELS.map((c: Channel) => ({ value: c, label: t(`rounds.channel.${c}`) }))}
        />
        <TextField name="heardAt" type="datetime-local" label={labels.heardAt} value={values.heardAt} error={errors?.heardAt} required />
        <SelectField
          name="sectionId"
          label={labels.sectionId}
          value={values.sectionId}
          error={errors?.sectionId}
          options={[{ value: 'whole', label: t('rounds.section.whole') }, ...sections.map((s) => ({ value: s.id, label: sectionDisplayName(t, s) }))]}
        />
        <TextArea name="text" label={labels.text} hint={t('common.charactersMax', { max: OPINION_TEXT_MAX })} value={values.text} error={errors?.text} required maxLength={OPINION_TEXT_MAX} rows={6} />
        <div class="button-row">
          <button type="submit">{t('rounds.opinion.submit')}</button>
          <a class="button button--quiet" href={`/rounds/${round.id}`}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

type ContactEntry = { id: string; roundId: string; roundTitle: string; channel: Channel; heardAt: Date; text: string; sectionId: string | null; sectionNumber: string | null; sectionHeading: string | null; loggedBy: string | null };

export function ContactLogPage({ page, name, entries }: { page: PageContext; name: string; entries: ContactEntry[] }) {
  const { t } = page;
  const heading = t('rounds.contacts.title', { name });
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      {entries.length === 0 ? (
        <p>{t('rounds.contacts.empty')}</p>
      ) : (
        <TableWrap>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('rounds.opinion.channel')}</th>
                <th scope="col">{t('rounds.contacts.round')}</th>
                <th scope="col">{t('rounds.opinion.text')}</th>
                <th scope="col">{t('rounds.contacts.loggedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{formatDateTime(e.heardAt, page.locale)}</td>
                  <td>{t(`rounds.channel.${e.channel}`)}</td>
                  <td>
                    <a href={`/rounds/${e.roundId}`}>{e.roundTitle}</a> · {opinionSectionName(t, e)}
                  </td>
                  <td class="pre-line">{e.text}</td>
                  <td>{e.loggedBy ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Layout>
  );
}

type ResponseDetail = NonNullable<Awaited<ReturnType<typeof loadResponse>>>;

export function ResponsePage({ page, round, detail, attachments }: { page: PageContext; round: RoundRow; detail: ResponseDetail; attachments: AttachmentRow[] }) {
  const { t } = page;
  const { response, opinions, stakeholder } = detail;
  const name = stakeholder?.erasedAt ? t('rounds.board.erased') : stakeholder?.name || response.respondentName || '—';
  const heading = t('rounds.response.title', { name });
  const submitted = response.status === 'submitted';
  return (
    <Layout page={page} title={heading} nav="rounds">
      <h1>{heading}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{round.title}</a>
      </p>
      {!submitted && response.status !== 'declined' ? (
        <p class="notice">{t('rounds.response.notSubmitted')}</p>
      ) : (
        <section class="panel">
          <dl class="facts">
            <dt>{t('rounds.col.status')}</dt>
            <dd>{t(submitted ? 'rounds.invitationStatus.responded' : 'rounds.invitationStatus.declined')}</dd>
            {response.submittedAt ? (
              <>
                <dt>{t('rounds.response.submittedAt')}</dt>
                <dd>{formatDateTime(response.submittedAt, page.locale)}</dd>
              </>
            ) : null}
            {response.respondentEmail ? (
              <>
                <dt>{t('feedback.open.email')}</dt>
                <dd>
                  {response.respondentEmail} <EmailConfirmationBadge t={t} confirmed={response.emailConfirmedAt !== null} />
                </dd>
              </>
            ) : null}
            {response.stance ? (
              <>
                <dt>{t('rounds.response.stance')}</dt>
                <dd>{t(`rounds.stance.${response.stance}`)}</dd>
              </>
            ) : null}
            {response.overall ? (
              <>
                <dt>{t('rounds.response.overall')}</dt>
                <dd class="pre-line">{response.overall}</dd>
              </>
            ) : null}
          </dl>
          <ul class="opinion-list">
            {opinions.map((o) => (
              <li class="opinion-list__item">
                <p class="opinion-list__meta">{opinionSectionName(t, o)}</p>
                <p class="opinion-list__text">{o.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {attachments.length ? (
        <section class="panel" aria-labelledby="response-attachments-heading">
          <h2 id="response-attachments-heading">{t('feedback.attachments.heading')}</h2>
          <ul>
            {attachments.map((a) => (
              <li>
                <a href={`/rounds/${round.id}/attachments/${a.id}`}>{a.filename}</a> <span class="muted">{sizeText(t, a.size)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
