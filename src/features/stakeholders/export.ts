/** The stakeholder list as a CSV that Excel opens correctly in Chinese and that can be imported again. */
import * as common from '../../i18n/common';
import { encodeCsv, type CsvValue } from '../../lib/csv';
import type { Deps } from '../../lib/deps';
import { formatDateTime, shanghaiDateStamp } from '../../lib/time';
import { allStakeholders } from './queries';
import type { ListFilters } from './schemas';

/** Chinese headings (the import reads them back), whatever the page language: the file goes to Chinese colleagues. */
export const EXPORT_HEADER = ['姓名', '单位', '职务', '类别', '邮箱', '电话', '标签', '备注', '同意联系', '创建时间', '更新时间'] as const;

export async function stakeholdersCsv(deps: Deps, filters: Omit<ListFilters, 'cursor'>): Promise<string> {
  const rows: CsvValue[][] = [];
  for await (const s of allStakeholders(deps, filters)) {
    rows.push([
      s.name,
      s.organization,
      s.title,
      common.zh[`category.${s.category}`],
      s.email,
      s.phone,
      s.tags.join('、'),
      s.notes,
      s.consent ? common.zh['common.yes'] : common.zh['common.no'],
      formatDateTime(s.createdAt, 'zh-CN'),
      formatDateTime(s.updatedAt, 'zh-CN'),
    ]);
  }
  return encodeCsv(EXPORT_HEADER, rows);
}

export function exportFilenames(now: Date): { filename: string; asciiFallback: string } {
  const stamp = shanghaiDateStamp(now);
  return { filename: `征求对象-${stamp}.csv`, asciiFallback: `stakeholders-${stamp}.csv` };
}
