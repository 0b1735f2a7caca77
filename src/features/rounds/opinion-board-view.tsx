/** The round page's opinions: counts per section and channel (from SQL), then the latest opinions as excerpts. */
import type { Channel } from '../../db/schema';
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import { keptFragment } from '../../ui/fragment-cache';
import { TableWrap } from '../../ui/table-wrap';
import { EmailConfirmationBadge } from '../feedback/open-confirmation-views';
import { WHOLE_DRAFT_KEY, type RoundFigures } from '../summaries/figures';
import type { OpinionExcerpt } from './board';
import { opinionSectionName, sectionDisplayName } from './section-name';
import type { SectionRow } from './service';

function channelList(page: PageContext, byChannel: Partial<Record<Channel, number>>): string {
  return (Object.entries(byChannel) as [Channel, number][]).map(([channel, n]) => `${page.t(`rounds.channel.${channel}`)} ${n}`).join('、');
}

type Props = { page: PageContext; roundId: string; sections: SectionRow[]; stats: RoundFigures; latest: OpinionExcerpt[] };

/** Opinions and channels per section: kept between views while the sections and their figures stay the same. */
function SectionCounts({ page, sections, stats }: Pick<Props, 'page' | 'sections' | 'stats'>) {
  const key = `round-section-counts|${page.locale}|${JSON.stringify([sections.map((s) => [s.id, s.number, s.heading, s.depth]), stats.bySection])}`;
  return keptFragment(key, () => <SectionCountsTable page={page} sections={sections} stats={stats} />);
}

function SectionCountsTable({ page, sections, stats }: Pick<Props, 'page' | 'sections' | 'stats'>) {
  const { t } = page;
  const rows: { key: string; label: string; depth: number }[] = [
    { key: WHOLE_DRAFT_KEY, label: t('rounds.section.whole'), depth: 1 },
    ...sections.map((s) => ({ key: s.id, label: sectionDisplayName(t, s), depth: s.depth })),
  ];
  return (
    <TableWrap>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('rounds.board.section')}</th>
            <th scope="col">{t('rounds.board.count')}</th>
            <th scope="col">{t('rounds.board.channels')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const count = stats.bySection[row.key];
            return (
              <tr>
                <th scope="row" class={`section-cell section-cell--d${Math.min(row.depth, 4)}`}>
                  {row.label}
                </th>
                <td>{count?.opinions ?? 0}</td>
                <td>{count ? channelList(page, count.byChannel) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function OpinionsBySection({ page, roundId, sections, stats, latest }: Props) {
  const { t } = page;
  return (
    <>
      <SectionCounts page={page} sections={sections} stats={stats} />
      <h3>{t('rounds.board.latestOpinions')}</h3>
      {latest.length === 0 ? (
        <p>{t('rounds.board.noOpinions')}</p>
      ) : (
        <>
          <p class="muted">
            {t('rounds.board.latestNote', { shown: latest.length, total: stats.opinions.total })}{' '}
            <a href={`/rounds/${roundId}/triage`}>{t('rounds.board.allInTriage')}</a>
          </p>
          <ul class="opinion-list">
            {latest.map((o) => (
              <li class="opinion-list__item">
                <p class="opinion-list__meta">
                  <span class="badge">{t(`rounds.channel.${o.channel}`)}</span> {opinionSectionName(t, o)} ·{' '}
                  {[o.authorName, o.authorOrganization].filter(Boolean).join('，') || '—'} <EmailConfirmationBadge t={t} confirmed={o.confirmed} /> ·{' '}
                  {formatDateTime(o.heardAt, page.locale)}
                </p>
                <p class="opinion-list__text">
                  {o.cut ? `${o.excerpt}…` : o.excerpt}
                  {o.cut ? (
                    <>
                      {' '}
                      <a href={`/rounds/${roundId}/opinions/${o.id}`}>{t('rounds.board.fullText')}</a>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
