/** The summary page's downloads: the files, and the reply letter with its addressee (found by search in a big round). */
import { formatCount } from '../../lib/i18n';
import { TextField } from '../../ui/form';
import type { PageContext } from '../../ui/layout';
import { HANDLING_RESULTS, type HandlingResult } from './handling-result';
import { ADDRESSEE_SEARCH_MAX } from './letters';
import { DownloadItems } from './links';

/** Whom the reply letter may be addressed to: a bounded list of the round's authors, narrowed by `search`. */
export type AddresseeChoice = {
  /** At most ADDRESSEES_SHOWN stakeholders with opinions in the round, by name. */
  shown: { id: string; name: string; organization: string }[];
  /** How many stakeholders the round has opinions from. */
  total: number;
  /** The search as typed (`replyQ`), shown back in its field. */
  search: string;
  /** Why the search was not applied (too long). */
  error: string | null;
  /** The table's page, kept when the search reloads the summary. */
  tablePage: number;
};

function AddresseeSearch({ page, roundId, choice }: { page: PageContext; roundId: string; choice: AddresseeChoice }) {
  const { t } = page;
  const hint = t('summaries.replyQ.hint', { count: formatCount(choice.total, page.locale) });
  return (
    <form method="get" action={`/rounds/${roundId}/summary#downloads-heading`} class="summary-reply summary-reply--search" role="search">
      {choice.tablePage > 1 ? <input type="hidden" name="page" value={String(choice.tablePage)} /> : null}
      <TextField name="replyQ" type="search" label={t('summaries.replyQ')} hint={hint} value={choice.search} error={choice.error ?? undefined} maxLength={ADDRESSEE_SEARCH_MAX} />
      <button type="submit" class="button button--secondary">
        {t('summaries.replyQ.submit')}
      </button>
    </form>
  );
}

export function DownloadsPanel({ page, roundId, suggested, choice }: { page: PageContext; roundId: string; suggested: HandlingResult; choice: AddresseeChoice }) {
  const { t } = page;
  const base = `/rounds/${roundId}`;
  const nobodyFound = choice.search !== '' && !choice.error && choice.shown.length === 0;
  return (
    <section class="panel summary-downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">{t('summaries.downloads')}</h2>
      <ul class="summary-downloads__list">
        <DownloadItems page={page} roundId={roundId} />
      </ul>
      <AddresseeSearch page={page} roundId={roundId} choice={choice} />
      {nobodyFound ? <p role="status">{t('summaries.replyQ.none', { q: choice.search })}</p> : null}
      <form method="get" action={`${base}/reply-letter.docx`} class="summary-reply">
        <div class="field">
          <label for="reply-to">{t('summaries.replyTo')}</label>
          <select id="reply-to" name="stakeholder">
            <option value="">{t('summaries.replyTo.all')}</option>
            {choice.shown.map((a) => (
              <option value={a.id}>{[a.organization, a.name].filter(Boolean).join(' ')}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="reply-result">{t('summaries.replyResult')}</label>
          <p class="field__hint" id="reply-result-hint">
            {t('summaries.replyResult.hint', { suggested: t(`summaries.result.${suggested}`) })}
          </p>
          <select id="reply-result" name="result" aria-describedby="reply-result-hint">
            {HANDLING_RESULTS.map((r) => (
              <option value={r} selected={r === suggested}>
                {t(`summaries.result.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          {t('summaries.download.reply')}
        </button>
      </form>
      <p>
        <a href={`${base}/reply-letters.zip`}>{t('summaries.download.replies')}</a>
      </p>
    </section>
  );
}
