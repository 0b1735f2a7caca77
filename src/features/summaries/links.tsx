/** Links from a round's page to its summary and downloads. */
import type { PageContext } from '../../ui/layout';

export function SummaryLinks({ page, roundId }: { page: PageContext; roundId: string }) {
  const { t } = page;
  const base = `/rounds/${roundId}`;
  return (
    <ul class="summary-links">
      <li>
        <a href={`${base}/summary`}>{t('summaries.link.summary')}</a>
      </li>
      <li>
        <a href={`${base}/summary.csv`}>{t('summaries.download.csv')}</a>
      </li>
      <li>
        <a href={`${base}/summary.xlsx`}>{t('summaries.download.xlsx')}</a>
      </li>
      <li>
        <a href={`${base}/summary.docx`}>{t('summaries.download.docx')}</a>
      </li>
    </ul>
  );
}
