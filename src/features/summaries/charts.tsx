/** Server-rendered SVG charts of a summary; each has a <title> and a table with the same figures beside it. */
import { sectionOrWhole } from '../rounds/section-name';
import { DISPOSITIONS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import type { Translator } from '../../lib/i18n';
import { percent } from './figures';
import type { SummaryHead, SummarySection } from './service';

const LAYOUT = { label: 170, bar: 360, value: 110, row: 22, barHeight: 14, top: 6, legend: 28 };
const WIDTH = LAYOUT.label + LAYOUT.bar + LAYOUT.value;

/** Labels longer than this are cut with an ellipsis: the table below has them in full. */
const LABEL_MAX = 12;
const cut = (text: string) => (text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text);
/** A tenth of a unit is finer than any screen shows; sixteen digits a coordinate made a long draft's chart 60 KB. */
const tenth = (n: number) => Math.round(n * 10) / 10;

export function ResponseRateChart({ t, summary }: { t: Translator; summary: SummaryHead }) {
  const { byCategory } = summary.figures;
  const rows = STAKEHOLDER_CATEGORIES.filter((c) => byCategory[c]).map((c) => ({ category: c, ...byCategory[c]! }));
  const height = LAYOUT.top * 2 + rows.length * LAYOUT.row;
  return (
    <svg class="summary-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="rate-chart-title rate-chart-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="rate-chart-title">{t('summaries.chart.rate.title')}</title>
      <desc id="rate-chart-desc">{t('summaries.chart.rate.desc')}</desc>
      {rows.map((row, i) => {
        const y = LAYOUT.top + i * LAYOUT.row;
        const w = row.invited ? Math.round((row.heard / row.invited) * LAYOUT.bar) : 0;
        return (
          <g>
            <text x={0} y={y + LAYOUT.barHeight - 2} class="summary-chart__label">
              {t(`category.${row.category}`)}
            </text>
            <rect x={LAYOUT.label} y={y} width={LAYOUT.bar} height={LAYOUT.barHeight} class="summary-chart__track" />
            <rect x={LAYOUT.label} y={y} width={Math.max(w, 1)} height={LAYOUT.barHeight} class="summary-chart__bar" />
            <text x={LAYOUT.label + LAYOUT.bar + 6} y={y + LAYOUT.barHeight - 2} class="summary-chart__value">
              {`${percent(row.heard, row.invited)} (${row.heard}/${row.invited})`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function sectionName(t: Translator, s: SummarySection): string {
  return sectionOrWhole(t, s.id ? s : null, t('summaries.section.whole'));
}

export function DispositionChart({ t, summary }: { t: Translator; summary: SummaryHead }) {
  const sections = summary.sections.filter((s) => s.opinions > 0);
  const max = Math.max(1, ...sections.map((s) => s.opinions));
  const height = LAYOUT.top * 2 + sections.length * LAYOUT.row + LAYOUT.legend;
  return (
    <svg class="summary-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="section-chart-title section-chart-desc" xmlns="http://www.w3.org/2000/svg">
      <title id="section-chart-title">{t('summaries.chart.sections.title')}</title>
      <desc id="section-chart-desc">{t('summaries.chart.sections.desc')}</desc>
      {sections.map((s, i) => {
        // One row a section, moved into place: its parts need no y of their own (a long draft's chart was 85 KB).
        let x = LAYOUT.label;
        return (
          <g transform={`translate(0 ${LAYOUT.top + i * LAYOUT.row})`}>
            <text y={LAYOUT.barHeight - 2} class="summary-chart__label">
              {cut(sectionName(t, s))}
            </text>
            {DISPOSITIONS.filter((d) => s.dispositions[d] > 0).map((d) => {
              const w = tenth((s.dispositions[d] / max) * LAYOUT.bar);
              const rect = <rect x={x} width={w} height={LAYOUT.barHeight} class={`sc-${d}`} />;
              x = tenth(x + w);
              return rect;
            })}
            <text x={x + 6} y={LAYOUT.barHeight - 2} class="summary-chart__value">
              {s.opinions}
            </text>
          </g>
        );
      })}
      <g transform={`translate(0 ${height - 14})`}>
        {DISPOSITIONS.map((d, i) => (
          <g transform={`translate(${i * 128} 0)`}>
            <rect width={10} height={10} class={`sc-${d}`} />
            <text x={14} y={9} class="summary-chart__legend">
              {t(`summaries.disposition.${d}`)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
