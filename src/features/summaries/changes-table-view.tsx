/** The 修改对照表 on the summary page, with its two downloads. */
import type { PageContext } from '../../ui/layout';
import { TableWrap } from '../../ui/table-wrap';
import { changesTableCells, changesTableHeader, type ChangeTableRow } from './changes-table';

export function ChangesTableSection({ page, roundId, rows }: { page: PageContext; roundId: string; rows: ChangeTableRow[] }) {
  const { t } = page;
  const header = changesTableHeader(t);
  return (
    <section class="panel" aria-labelledby="changes-table-heading">
      <h2 id="changes-table-heading">{t('summaries.changes.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('summaries.changes.empty')}</p>
      ) : (
        <TableWrap>
          <table class="table changes-table">
            <thead>
              <tr>
                {header.map((label) => (
                  <th scope="col">{label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changesTableCells(t, rows).map((cells) => (
                <tr>
                  {cells.map((text, i) => (
                    <td class="pre-line" data-label={header[i]}>
                      {text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ul class="summary-links">
        <li>
          <a href={`/rounds/${roundId}/summary/changes.xlsx`}>{t('summaries.changes.download.xlsx')}</a>
        </li>
        <li>
          <a href={`/rounds/${roundId}/summary/changes.docx`}>{t('summaries.changes.download.docx')}</a>
        </li>
      </ul>
    </section>
  );
}
