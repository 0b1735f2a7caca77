/** The local mailbox's received side: mail handed to the email() handler, how it was classified and where it went. */
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import { TableWrap } from '../../ui/table-wrap';
import { itemHome } from './item-card';
import type { InboundItem } from './items';
import { reasonLabel } from './labels';

function placeLabel(page: PageContext, item: InboundItem): string {
  if (item.roundId) return page.t('inbound.dev.open.round');
  return page.t(item.meetingId ? 'inbound.dev.open.meeting' : 'inbound.dev.open.inbox');
}

export function ReceivedMail({ page, items }: { page: PageContext; items: InboundItem[] }) {
  const { t, locale } = page;
  return (
    <section aria-labelledby="received-heading">
      <h2 id="received-heading">{t('inbound.dev.heading')}</h2>
      <p class="muted">{t('inbound.dev.intro')}</p>
      {items.length === 0 ? (
        <p class="panel">{t('inbound.dev.empty')}</p>
      ) : (
        <TableWrap>
          <table class="responsive">
            <caption class="visually-hidden">{t('inbound.dev.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.time')}</th>
                <th scope="col">{t('inbound.dev.col.from')}</th>
                <th scope="col">{t('inbound.dev.col.to')}</th>
                <th scope="col">{t('mail.col.subject')}</th>
                <th scope="col">{t('inbound.dev.col.kind')}</th>
                <th scope="col">{t('inbound.dev.col.open')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr id={`received-${item.id}`}>
                  <td data-label={t('common.time')}>{formatDateTime(item.receivedAt, locale)}</td>
                  <td data-label={t('inbound.dev.col.from')} class="mail-recipient">{item.fromAddress}</td>
                  <td data-label={t('inbound.dev.col.to')} class="mail-recipient">{item.toAddress}</td>
                  <td data-label={t('mail.col.subject')}>{item.subject}</td>
                  <td data-label={t('inbound.dev.col.kind')}>
                    {t(`inbound.status.${item.status}`)}
                    {item.reason ? ` · ${reasonLabel(t, item.reason)}` : ''}
                  </td>
                  <td data-label={t('inbound.dev.col.open')}>
                    <a href={itemHome(item)}>{placeLabel(page, item)}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
