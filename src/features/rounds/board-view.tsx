/** The response board: counts, an SVG chart by category with a text table beside it, the invitees a page at a time. */
import { opinionSectionName, sectionDisplayName } from './section-name';
import type { Channel, StakeholderCategory } from '../../db/schema';
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import { percent, type CategoryFigures, type RoundFigures } from '../summaries/figures';
import type { InviteeRow } from './board';
import type { InviteePager } from './round-board';
import { TableWrap } from '../../ui/table-wrap';
import { EmailConfirmationBadge } from '../feedback/open-confirmation-views';

const FUNNEL_KEYS = ['invited', 'opened', 'heard', 'declined'] as const;
type Funnel = CategoryFigures;

const heardByChannel = (f: RoundFigures) => ({ online: f.heardByChannel.online, phone: f.heardByChannel.phone, inPerson: f.heardByChannel.in_person, letter: f.heardByChannel.letter, meeting: f.heardByChannel.meeting });

const CHART = { labelWidth: 150, barMax: 380, valueWidth: 40, bar: 12, gap: 2, groupGap: 14, top: 8 };

/** Server-rendered grouped bars; the table below carries the same figures for screen readers and print. */
export function FunnelChart({ page, byCategory }: { page: PageContext; byCategory: Partial<Record<StakeholderCategory, Funnel>> }) {
  const { t } = page;
  const entries = Object.entries(byCategory) as [StakeholderCategory, Funnel][];
  const max = Math.max(1, ...entries.map(([, f]) => f.invited));
  const groupHeight = FUNNEL_KEYS.length * (CHART.bar + CHART.gap) + CHART.groupGap;
  const height = CHART.top * 2 + entries.length * groupHeight + 24;
  const width = CHART.labelWidth + CHART.barMax + CHART.valueWidth;
  return (
    <svg class="funnel-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="funnel-title funnel-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="funnel-title">{t('rounds.board.chartTitle')}</title>
      <desc id="funnel-desc">{t('rounds.board.chartDesc')}</desc>
      {entries.map(([category, funnel], gi) => {
        const y0 = CHART.top + gi * groupHeight;
        return (
          <g>
            <text x={0} y={y0 + CHART.bar * 2} class="funnel-chart__label">
              {t(`category.${category}`)}
            </text>
            {FUNNEL_KEYS.map((key, i) => {
              const y = y0 + i * (CHART.bar + CHART.gap);
              const w = Math.round((funnel[key] / max) * CHART.barMax);
              return (
                <g>
                  <rect x={CHART.labelWidth} y={y} width={Math.max(w, 1)} height={CHART.bar} class={`funnel-chart__bar funnel-chart__bar--${key}`} />
                  <text x={CHART.labelWidth + w + 4} y={y + CHART.bar - 2} class="funnel-chart__value">
                    {funnel[key]}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <g transform={`translate(0 ${height - 14})`}>
        {FUNNEL_KEYS.map((key, i) => (
          <g transform={`translate(${i * 140} 0)`}>
            <rect x={0} y={0} width={10} height={10} class={`funnel-chart__bar funnel-chart__bar--${key}`} />
            <text x={14} y={9} class="funnel-chart__legend">
              {t(`rounds.board.${key}`)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

export function StatsSummary({ page, stats }: { page: PageContext; stats: RoundFigures }) {
  const { t } = page;
  const entries = Object.entries(stats.byCategory) as [StakeholderCategory, Funnel][];
  const totals: Funnel = { invited: stats.invited, opened: stats.opened, heard: stats.heardInvited, declined: stats.declined };
  return (
    <div class="board">
      <dl class="board__counts">
        {FUNNEL_KEYS.map((key) => (
          <div class={`board__count board__count--${key}`}>
            <dt>{t(`rounds.board.${key}`)}</dt>
            <dd>{totals[key]}</dd>
          </div>
        ))}
        <div class="board__count board__count--rate">
          <dt>{t('summaries.fig.responseRate')}</dt>
          <dd>{percent(stats.heardInvited, stats.invited)}</dd>
        </div>
      </dl>
      <p>{t('rounds.board.heardLine', { heard: stats.heard, ...heardByChannel(stats) })}</p>
      <p>{t('rounds.board.opinionCount', { total: stats.opinions.total, online: stats.opinions.online, offline: stats.opinions.offline })}</p>
      {entries.length ? (
        <>
          <FunnelChart page={page} byCategory={stats.byCategory} />
          <TableWrap>
            <table class="table">
              <caption>{t('rounds.board.byCategory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rounds.audience.category')}</th>
                  {FUNNEL_KEYS.map((key) => (
                    <th scope="col">{t(`rounds.board.${key}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.map(([category, funnel]) => (
                  <tr>
                    <th scope="row">{t(`category.${category}`)}</th>
                    {FUNNEL_KEYS.map((key) => (
                      <td>{funnel[key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </div>
  );
}

type InviteeTableProps = { page: PageContext; roundId: string; invitees: InviteeRow[]; pager: InviteePager; canChange: boolean; roundOpen: boolean };

export function InviteeTable(props: InviteeTableProps) {
  const { page, roundId, pager } = props;
  if (props.invitees.length === 0) return <p>{page.t('rounds.board.noInvitees')}</p>;
  return (
    <>
      <InviteeRows {...props} />
      {pager.pages > 1 ? <InviteePagerNav page={page} roundId={roundId} pager={pager} shown={props.invitees.length} /> : null}
    </>
  );
}

/** Page links that keep the rest of the page where it is: `?invitees=N`, back at the invitee list. */
function InviteePagerNav({ page, roundId, pager, shown }: { page: PageContext; roundId: string; pager: InviteePager; shown: number }) {
  const { t } = page;
  const from = (pager.page - 1) * pager.size + 1;
  const link = (n: number) => `/rounds/${roundId}?invitees=${n}#invitees-heading`;
  return (
    <nav class="pager" aria-label={t('rounds.board.invitees')}>
      <span>{t('rounds.board.inviteeRange', { from, to: from + shown - 1, total: pager.total })}</span>
      {pager.page > 1 ? <a href={link(pager.page - 1)}>{t('rounds.board.previousPage')}</a> : null}
      {pager.page < pager.pages ? <a href={link(pager.page + 1)}>{t('common.next')}</a> : null}
    </nav>
  );
}

function InviteeRows({ page, roundId, invitees, canChange, roundOpen }: InviteeTableProps) {
  const { t } = page;
  const actions = canChange && roundOpen;
  const table = (
    <TableWrap>
      <table class="table">
        <thead>
          <tr>
            {actions ? <th scope="col"><span class="visually-hidden">{t('rounds.action.remindSelected')}</span></th> : null}
            <th scope="col">{t('rounds.board.name')}</th>
            <th scope="col">{t('rounds.audience.category')}</th>
            <th scope="col">{t('rounds.col.status')}</th>
            <th scope="col">{t('rounds.board.lastActivity')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invitees.map((i) => {
            const name = i.erased ? t('rounds.board.erased') : i.organization ? `${i.name}（${i.organization}）` : i.name;
            const owesAnswer = !i.revoked && (i.status === 'invited' || i.status === 'opened');
            return (
              <tr>
                {actions ? (
                  <td>
                    {owesAnswer ? <input type="checkbox" name="invitationIds" value={i.invitationId} id={`pick-${i.invitationId}`} aria-label={t('rounds.board.select', { name })} /> : null}
                  </td>
                ) : null}
                <td>{name}</td>
                <td>{t(`category.${i.category}`)}</td>
                <td>
                  <span class={i.status === 'responded' ? 'badge badge--ok' : i.status === 'declined' ? 'badge badge--warn' : 'badge'}>{t(`rounds.invitationStatus.${i.status}`)}</span>
                  {i.revoked ? <span class="badge badge--error">{t('rounds.board.revoked')}</span> : null}
                </td>
                <td>{formatDateTime(i.lastActivityAt, page.locale)}</td>
                <td class="board__actions">
                  {i.responseId && i.responseStatus !== 'draft' ? <a href={`/rounds/${roundId}/responses/${i.responseId}`}>{t('rounds.board.viewResponse')}</a> : null}
                  {actions && !i.revoked ? (
                    <button type="submit" class="button button--quiet" formaction={`/rounds/${roundId}/invitations/${i.invitationId}/revoke`}>
                      {t('rounds.action.revoke')}
                    </button>
                  ) : null}
                  {actions && !i.erased ? (
                    <button type="submit" class="button button--quiet" formaction={`/rounds/${roundId}/invitations/${i.invitationId}/reissue`}>
                      {t('rounds.action.reissue')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
  if (!actions) return table;
  // One form: the checkboxes feed the reminder; the per-row buttons post elsewhere with `formaction`.
  return (
    <form method="post" action={`/rounds/${roundId}/reminders`}>
      {table}
      <div class="button-row">
        <button type="submit" name="scope" value="selected" class="button button--secondary">
          {t('rounds.action.remindSelected')}
        </button>
        <button type="submit" name="scope" value="all">
          {t('rounds.action.remindAll')}
        </button>
      </div>
    </form>
  );
}
