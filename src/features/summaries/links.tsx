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
      <li>
        <a href={`/rounds/${roundId}/reply-letters.zip`}>{page.t('summaries.download.replies')}</a>
      </li>
    </ul>
  );
}

/** On a stakeholder's page: the reply letter to them for each round they gave opinions in. */
export function StakeholderLetters({ page, stakeholderId, rounds }: { page: PageContext; stakeholderId: string; rounds: { id: string; title: string }[] }) {
  if (!rounds.length) return null;
  return (
    <section aria-labelledby="letters-heading">
      <h2 id="letters-heading">{page.t('summaries.letters.heading')}</h2>
      <ul class="summary-links">
        {rounds.map((r) => (
          <li>
            <a href={`/rounds/${r.id}/reply-letter.docx?stakeholder=${encodeURIComponent(stakeholderId)}`}>{page.t('summaries.letters.item', { title: r.title })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
