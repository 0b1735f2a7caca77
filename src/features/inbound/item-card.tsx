/** One inbound item as staff see it: where it came from, what it is, the opinions found, its files and their text. */
import { formatDateTime } from '../../lib/time';
import type { PageContext } from '../../ui/layout';
import type { InboundItem } from './items';
import { reasonLabel } from './labels';

/** Where an item is handled: its round's inbound page, its meeting, or the inbox of mail that matched nothing. */
export function itemHome(item: Pick<InboundItem, 'id' | 'roundId' | 'meetingId'>): string {
  if (item.roundId) return `/rounds/${item.roundId}/inbound#item-${item.id}`;
  if (item.meetingId) return `/meetings/${item.meetingId}`;
  return `/inbound#item-${item.id}`;
}

function Files({ page, item }: { page: PageContext; item: InboundItem }) {
  const { t } = page;
  if (!item.files.length && !(item.source === 'email' && item.r2Key)) return null;
  return (
    <>
      <h4>{t('inbound.item.files')}</h4>
      <ul>
        {item.files.map((file, index) => (
          <li>
            <a href={`/inbound/${item.id}/files/${index}`}>{file.filename}</a> <span class="muted">{file.contentType}</span>
          </li>
        ))}
        {item.source === 'email' && item.r2Key ? (
          <li>
            <a href={`/inbound/${item.id}/original.eml`}>{t('inbound.item.original')}</a>
          </li>
        ) : null}
      </ul>
      {item.attachmentText ? (
        <details>
          <summary>{t('inbound.item.attachmentText')}</summary>
          <pre class="mail-text" tabindex={0}>
            {item.attachmentText}
          </pre>
        </details>
      ) : null}
    </>
  );
}

export function ItemCard({ page, item, canChange, showPlace = false }: { page: PageContext; item: InboundItem; canChange: boolean; showPlace?: boolean }) {
  const { t, locale } = page;
  return (
    <article class="panel inbound-item" id={`item-${item.id}`}>
      <h3>
        {t(`inbound.source.${item.source}`)} · {item.fromAddress || '-'} · {formatDateTime(item.receivedAt, locale)}
      </h3>
      <p class="muted">
        {t(`inbound.status.${item.status}`)}
        {item.reason ? ` · ${reasonLabel(t, item.reason)}` : ''}
        {item.subject ? ` · ${item.subject}` : ''}
      </p>
      {showPlace && (item.roundId || item.meetingId) ? (
        <p>
          <a href={itemHome(item)}>{item.roundId ? t('inbound.item.round') : t('inbound.item.meeting')}</a>
        </p>
      ) : null}
      {item.found.length ? (
        <dl class="facts">
          {item.found.map((o) => (
            <>
              <dt>{o.label}</dt>
              <dd class="pre-line">{o.text}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {item.unplaced.length ? (
        <>
          <h4>{t('inbound.page.unplaced')}</h4>
          <dl class="facts">
            {item.unplaced.map((r) => (
              <>
                <dt>{r.label || '-'}</dt>
                <dd class="pre-line">{r.text}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
      <Files page={page} item={item} />
      {canChange && item.status === 'pending' && item.roundId ? (
        <form method="post" action={`/rounds/${item.roundId}/inbound/${item.id}/confirm`}>
          <button type="submit" class="button">
            {t('inbound.page.confirm')}
          </button>
        </form>
      ) : null}
    </article>
  );
}
