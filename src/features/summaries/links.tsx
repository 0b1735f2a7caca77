/** Links from a round's page to its summary and downloads. */
import type { PageContext } from '../../ui/layout';

const DOWNLOADS = ['csv', 'xlsx', 'docx'] as const;

/** The summary's downloads as list items, for the round page and the summary page alike. */
export function DownloadItems({ page, roundId }: { page: PageContext; roundId: string }) {
  return (
    <>
      {DOWNLOADS.map((format) => (
        <li>
          <a href={`/rounds/${roundId}/summary.${format}`}>{page.t(`summaries.download.${format}`)}</a>
        </li>
      ))}
    </>
  );
}

export function SummaryLinks({ page, roundId }: { page: PageContext; roundId: string }) {
  return (
    <ul class="summary-links">
      <li>
        <a href={`/rounds/${roundId}/summary`}>{page.t('summaries.link.summary')}</a>
      </li>
      <DownloadItems page={page} roundId={roundId} />
    </ul>
  );
}
