import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoFileBytes } from '../src/dev/demo-data';
import { decodeCsvBytes } from '../src/lib/csv';
import { BASE_URL, bearerFor, request, signedInAs } from './helpers';

type ImportBody = { created: number; updated: number; unchanged: number; errors: { row: number; column: string; message: string }[] };

async function clearStakeholders() {
  await env.DB.batch([env.DB.prepare('DELETE FROM stakeholder_tags'), env.DB.prepare('DELETE FROM stakeholders')]);
}

function csvFile(content: string | Uint8Array, name = 'stakeholders.csv') {
  return new File([content], name, { type: 'text/csv' });
}

async function apiImport(authorization: string, file: File, dryRun = false) {
  const body = new FormData();
  body.set('file', file);
  if (dryRun) body.set('dryRun', '1');
  return request('/api/v1/stakeholders/import', { method: 'POST', body, headers: { authorization } });
}

async function stakeholderRows() {
  const { results } = await env.DB.prepare('SELECT * FROM stakeholders ORDER BY id').all<Record<string, unknown>>();
  return results;
}

beforeEach(clearStakeholders);

describe('encoding detection', () => {
  it('reads the UTF-8 demo file (with BOM) and the GBK demo file alike', () => {
    const utf8 = decodeCsvBytes(demoFileBytes('stakeholdersUtf8'));
    const gbk = decodeCsvBytes(demoFileBytes('stakeholdersGbk'));
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.text.startsWith('name,')).toBe(true);
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text.startsWith('姓名,单位,职务,类别')).toBe(true);
    expect(gbk.text).toContain('林晓雯');
  });

  it('reads UTF-8 without a BOM as UTF-8', () => {
    const result = decodeCsvBytes(new TextEncoder().encode('姓名,类别\r\n张三,专家\r\n'));
    expect(result).toEqual({ text: '姓名,类别\r\n张三,专家\r\n', encoding: 'utf-8' });
  });
});

describe('importing the demo files through the API', () => {
  it('creates every stakeholder of the UTF-8 file with tags', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 10, updated: 0, unchanged: 0, errors: [] });
    const rows = await stakeholderRows();
    expect(rows).toHaveLength(10);
    const li = rows.find((r) => r.email === 'li.mingzhe@example.com')!;
    expect(li.name).toBe('李明哲');
    expect(li.category).toBe('enterprise');
    const tags = await env.DB.prepare('SELECT tag FROM stakeholder_tags WHERE stakeholder_id = ? ORDER BY tag').bind(li.id).all();
    expect(tags.results.map((t) => t.tag)).toEqual(['孵化', '硅巷']);
    expect(li.search_text).toContain('孵化');
  });

  it('creates every stakeholder of the GBK file with correct Chinese names and categories', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersGbk')));
    expect(await res.json()).toEqual({ created: 9, updated: 0, unchanged: 0, errors: [] });
    const rows = await stakeholderRows();
    expect(rows.map((r) => r.name)).toContain('陈海燕');
    expect(rows.find((r) => r.name === '林晓雯')!.category).toBe('proposer');
    expect(rows.find((r) => r.name === '吴佳琪')!.category).toBe('young_entrepreneur');
    expect(rows.find((r) => r.name === '陈海燕')!.organization).toBe('华阳路街道办事处');
  });

  it('a second import of the same file changes nothing and duplicates no one', async () => {
    const { authorization } = await bearerFor('organizer');
    await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    const again = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    expect(await again.json()).toEqual({ created: 0, updated: 0, unchanged: 10, errors: [] });
    const gbk = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersGbk')));
    expect(await gbk.json()).toEqual({ created: 0, updated: 0, unchanged: 9, errors: [] });
    expect(await stakeholderRows()).toHaveLength(10);
  });

  it('refuses each bad row with its row, column and reason, and applies the good ones', async () => {
    const { authorization } = await bearerFor('organizer');
    await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersBad')));
    const body = (await res.json()) as ImportBody;
    expect(res.status).toBe(200);
    expect(body.created).toBe(2);
    expect(body.updated).toBe(1);
    expect(body.errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: 'name' },
      { row: 4, column: 'email' },
      { row: 5, column: 'category' },
      { row: 8, column: 'email' },
      { row: 9, column: 'name' },
      { row: 10, column: 'title' },
    ]);
    expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(body.errors[4]!.message).toContain('100');
    expect(body.errors[3]!.message).toContain('7');
    const rows = await stakeholderRows();
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => String(r.email_normalized) === 'lin.xiaowen@example.com')).toHaveLength(1);
    expect(rows.filter((r) => r.email === 'dup@example.com')).toHaveLength(1);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const audits = () => env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stakeholder.import'").first<{ n: number }>();
    const auditsBefore = await audits();
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')), true);
    expect(await res.json()).toEqual({ created: 10, updated: 0, unchanged: 0, errors: [] });
    expect(await stakeholderRows()).toHaveLength(0);
    expect(await audits()).toEqual(auditsBefore);
  });
});
