/** One round's page: overview, actions, the response board, invitees a page at a time, opinions by section and the latest, the open link. */
import { raw } from 'hono/html';
import { Notice } from '../../ui/form';
import { keptFragment } from '../../ui/fragment-cache';
import { Layout, type PageContext } from '../../ui/layout';
import { InviteeTable, StatsSummary } from './board-view';
import { OpinionsBySection } from './opinion-board-view';
import type { RoundBoard } from './round-board';
import type { AudienceCount } from './audience';
import type { RoundWithSections } from './service';
import { period, SectionTree, StatusBadge } from './views';
import { SummaryLinks } from '../summaries/links';
import { InboundLink } from '../inbound/views';
import { formatDateTime } from '../../lib/time';
import { MailProgressPanel } from '../mail/progress-views';
import { TableWrap } from '../../ui/table-wrap';
import type { EarlierOpinions } from './earlier-opinions';
import { EarlierOpinionsPanel } from './earlier-opinions-view';
import { InvitePanel, ReopenPanel } from './round-actions';
import type { RoundExtras } from './round-extras';

export type Flash = { text: string; kind?: 'success' | 'warning' };
export type CreatedOpenLink = { url: string; svg: string };

type RoundPageProps = {
  page: PageContext;
  round: RoundWithSections;
  board: RoundBoard;
  canChange: boolean;
  flash?: Flash | null;
  openLink?: CreatedOpenLink | null;
  earlier?: EarlierOpinions | null;
  extras?: RoundExtras | null;
  now?: Date;
};

export function RoundPage({ page, round, board, canChange, flash, openLink, earlier, extras, now }: RoundPageProps) {
  const { t } = page;
  const id = round.id;
  return (
    <Layout page={page} title={round.title} nav="rounds">
      <div class="page-head">
        <h1>{round.title}</h1>
        <StatusBadge page={page} status={round.status} />
      </div>
      {flash ? <Notice kind={flash.kind ?? 'success'}>{flash.text}</Notice> : null}
      {round.status === 'draft' && round.scheduledAt ? (
        <Notice>
          {t('rounds.scheduled.notice', { opensAt: formatDateTime(round.opensAt, page.locale) })}
          {canChange ? (
            <form method="post" action={`/rounds/${id}/unschedule`} class="inline-form">
              <button type="submit" class="button button--quiet">
                {t('rounds.action.unschedule')}
              </button>
            </form>
          ) : null}
        </Notice>
      ) : null}
      <section class="panel" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t('rounds.overview')}</h2>
        <dl class="facts">
          <dt>{t('rounds.col.period')}</dt>
          <dd>{period(page, round)}</dd>
          {round.purpose ? (
            <>
              <dt>{t('rounds.overview.purpose')}</dt>
              <dd class="pre-line">{round.purpose}</dd>
            </>
          ) : null}
          <dt>{t('rounds.overview.contact')}</dt>
          <dd>{[round.contactName, round.contactPhone, round.contactAddress].filter(Boolean).join('，') || t('common.none')}</dd>
          {round.shortPeriodReason ? (
            <>
              <dt>{t('rounds.overview.reason')}</dt>
              <dd class="pre-line">{round.shortPeriodReason}</dd>
            </>
          ) : null}
          {round.previousRoundId ? (
            <>
              <dt>{t('rounds.overview.previous')}</dt>
              <dd>
                <a href={`/rounds/${round.previousRoundId}`}>{extras?.previous?.title ?? round.previousRoundId}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {round.status !== 'draft' ? (
          <p class="round-links">
            <a href={`/rounds/${id}/triage`}>{t('opinions.round.triage')}</a>
            {' · '}
            <a href={`/rounds/${id}/versions`}>{t('rounds.versions.link')}</a>
            {canChange && round.status === 'closed' ? [' · ', <a href={`/rounds/${id}/publish`}>{t('publication.manage.link.round')}</a>] : null}
            {round.publishedAt ? [' · ', <a href={`/p/${id}`}>{t('publication.manage.link')}</a>] : null}
          </p>
        ) : null}
        {round.status !== 'draft' ? <SummaryLinks page={page} roundId={id} /> : null}
        {/* Shown for a draft too: whether invitations carry the 意见反馈表 is chosen there before they go out. */}
        <InboundLink page={page} roundId={id} />
        {canChange ? (
          <div class="button-row">
            {round.status !== 'closed' ? (
              <a class="button button--secondary" href={`/rounds/${id}/edit`}>
                {t('common.edit')}
              </a>
            ) : null}
            {round.status === 'draft' ? (
              <a class="button" href={`/rounds/${id}/open`}>
                {t('rounds.action.open')}
              </a>
            ) : null}
            <a class="button button--secondary" href={`/rounds/${id}/audience`}>
              {t('rounds.action.audience')}
            </a>
            {round.status !== 'draft' ? (
              <a class="button button--secondary" href={`/rounds/${id}/opinions/new`}>
                {t('rounds.action.logOpinion')}
              </a>
            ) : null}
            <form method="post" action={`/rounds/${id}/copy`} class="inline-form">
              <button type="submit" class="button button--quiet">
                {t('rounds.action.copy')}
              </button>
            </form>
            {round.status === 'open' ? (
              <form method="post" action={`/rounds/${id}/close`} class="inline-form">
                <button type="submit" class="button button--danger">
                  {t('rounds.action.close')}
                </button>
              </form>
            ) : null}
          </div>
        ) : null}
      </section>

      {canChange && now ? <ReopenPanel page={page} round={round} now={now} /> : null}
      {extras ? <InvitePanel page={page} round={round} audience={extras.audience} canChange={canChange} /> : null}
      {round.status !== 'draft' ? <MailProgressPanel t={t} roundId={id} progress={null} canRetry={canChange} /> : null}

      <section class="panel" aria-labelledby="board-heading">
        <h2 id="board-heading">{t('rounds.board.title')}</h2>
        {keptFragment(`round-stats|${page.locale}|${JSON.stringify(board.stats)}`, () => (
          <StatsSummary page={page} stats={board.stats} />
        ))}
        <h3 id="invitees-heading">{t('rounds.board.invitees')}</h3>
        <InviteeTable page={page} roundId={id} invitees={board.invitees} pager={board.inviteePager} canChange={canChange} roundOpen={round.status === 'open'} />
      </section>

      <section class="panel" aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t('rounds.board.opinionsBySection')}</h2>
        <OpinionsBySection page={page} roundId={id} sections={round.sections} stats={board.stats} latest={board.latest} />
      </section>

      {earlier ? <EarlierOpinionsPanel page={page} earlier={earlier} sections={round.sections} /> : null}

      {canChange && round.status !== 'closed' ? <OpenLinkPanel page={page} roundId={id} active={round.openLinkTokenHash !== null} created={openLink ?? null} /> : null}

      <section class="panel" aria-labelledby="tree-heading">
        <h2 id="tree-heading">{t('rounds.overview.sections')}</h2>
        {keptFragment(`round-outline|${page.locale}|${JSON.stringify([round.draftTitle, round.sections.map((s) => [s.number, s.heading, s.depth, s.body.slice(0, 61)])])}`, () => (
          <SectionTree page={page} title={round.draftTitle} sections={round.sections} />
        ))}
      </section>
    </Layout>
  );
}

function OpenLinkPanel({ page, roundId, active, created }: { page: PageContext; roundId: string; active: boolean; created: CreatedOpenLink | null }) {
  const { t } = page;
  return (
    <section class="panel" aria-labelledby="open-link-heading">
      <h2 id="open-link-heading">{t('rounds.openLink.title')}</h2>
      <p>{t('rounds.openLink.intro')}</p>
      {created ? (
        <div class="open-link">
          <Notice kind="warning">{t('rounds.openLink.created')}</Notice>
          <p>
            <a href={created.url} class="open-link__url">
              {created.url}
            </a>
          </p>
          {/* Our own SVG from the QR encoder (no user text in it), embedded so it can be saved. */}
          <figure class="open-link__qr" aria-label={t('rounds.openLink.qr')}>
            {raw(created.svg)}
          </figure>
          <p>
            <a download="open-link-qr.svg" href={`data:image/svg+xml;base64,${btoa(created.svg)}`}>
              {t('rounds.openLink.download')}
            </a>
          </p>
        </div>
      ) : (
        <p>{active ? t('rounds.openLink.active') : t('rounds.openLink.none')}</p>
      )}
      <div class="button-row">
        <form method="post" action={`/rounds/${roundId}/open-link`} class="inline-form">
          <button type="submit" class="button button--secondary">
            {active || created ? t('rounds.action.rotateOpenLink') : t('rounds.action.openLink')}
          </button>
        </form>
        {active || created ? (
          <form method="post" action={`/rounds/${roundId}/open-link/disable`} class="inline-form">
            <button type="submit" class="button button--quiet">
              {t('rounds.action.disableOpenLink')}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

export function AudiencePage({ page, round, rows, total, canInvite }: { page: PageContext; round: RoundWithSections; rows: AudienceCount[]; total: AudienceCount; canInvite: boolean }) {
  const { t } = page;
  const cols = ['total', 'mailable', 'invited', 'toInvite'] as const;
  return (
    <Layout page={page} title={t('rounds.audience.title')} nav="rounds">
      <h1>{t('rounds.audience.title')}</h1>
      <p>
        <a href={`/rounds/${round.id}`}>{round.title}</a>
      </p>
      {rows.length === 0 ? (
        <p>{t('rounds.audience.none')}</p>
      ) : (
        <TableWrap>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('rounds.audience.category')}</th>
                {cols.map((c) => (
                  <th scope="col">{t(`rounds.audience.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{t(`category.${row.category}`)}</th>
                  {cols.map((c) => (
                    <td>{row[c]}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('rounds.audience.sum')}</th>
                {cols.map((c) => (
                  <td>{total[c]}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableWrap>
      )}
      <p class="muted">{t('rounds.audience.inviteHint')}</p>
      {canInvite ? (
        round.status === 'open' ? (
          <form method="post" action={`/rounds/${round.id}/invitations`}>
            <button type="submit">{t('rounds.action.invite')}</button>
          </form>
        ) : (
          <p class="notice">{t('rounds.audience.notOpen')}</p>
        )
      ) : null}
    </Layout>
  );
}
