/** The inbox of all open inbound items, unmatched mail included, with a search over what they say. Pure functions of data. */
import { ErrorSummary, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import type { FieldErrors } from '../../lib/result';
import { SEARCH_MAX_CHARS } from './search';
import type { InboundItem } from './items';
import { ItemCard } from './item-card';

export function InboxPage({ page, items, q, canChange, errors }: { page: PageContext; items: InboundItem[]; q: string; canChange: boolean; errors?: FieldErrors }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('inbound.inbox.title')}>
      <h1>{t('inbound.inbox.title')}</h1>
      <p class="muted">{t('inbound.inbox.intro')}</p>
      <ErrorSummary t={t} errors={errors} labels={{ q: t('inbound.inbox.q') }} />
      <form method="get" action="/inbound" role="search">
        <TextField name="q" label={t('inbound.inbox.q')} hint={t('inbound.inbox.q.hint', { max: SEARCH_MAX_CHARS })} value={q} error={errors?.q} maxLength={SEARCH_MAX_CHARS} />
        <button type="submit" class="button">
          {t('inbound.inbox.find')}
        </button>
      </form>
      {items.length ? items.map((item) => <ItemCard page={page} item={item} canChange={canChange} showPlace />) : <p class="muted">{t('inbound.inbox.none')}</p>}
    </Layout>
  );
}
